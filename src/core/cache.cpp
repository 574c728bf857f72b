#include "kith/vault/cache.hpp"

#include "kith/vault/arena.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace kith {
namespace {

constexpr char k_magic[8] = {'K', 'I', 'T', 'H', 'C', 'A', 'C', 'H'};
// Bump when the encoding changes.
constexpr std::uint32_t k_format = 5; // 5: a task's box and repeat rule
// Files per chunk: chunks decode in parallel.
constexpr std::size_t k_chunk_files = 256;

/// A fast 64-bit checksum: FNV-1a over 8-byte words, in four interleaved
/// lanes so that the multiplications overlap (one lane is bound by their
/// latency). It guards against truncation and disk corruption, not against
/// an adversary.
std::uint64_t checksum(std::string_view s) {
    constexpr std::uint64_t k_prime = 0x100000001b3ull;
    std::uint64_t h[4] = {0xcbf29ce484222325ull, 0x84222325cbf29ce4ull, 0x9ce484222325cbf2ull, 0x2325cbf29ce48422ull};
    std::size_t i = 0;
    for (; i + 32 <= s.size(); i += 32) {
        std::uint64_t w[4];
        std::memcpy(w, s.data() + i, 32);
        for (int k = 0; k < 4; ++k) h[k] = (h[k] ^ w[k]) * k_prime;
    }
    std::uint64_t out = h[0];
    for (int k = 1; k < 4; ++k) out = (out ^ h[k]) * k_prime;
    for (; i < s.size(); ++i) out = (out ^ static_cast<unsigned char>(s[i])) * k_prime;
    return (out ^ s.size()) * k_prime;
}

class Writer {
public:
    std::string out;
    template <class T> void pod(T v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void u32(std::size_t v) { pod(static_cast<std::uint32_t>(v)); }
    void i32(int v) { pod(static_cast<std::int32_t>(v)); }
    void b(bool v) { pod(static_cast<std::uint8_t>(v)); }
    void str(std::string_view s) {
        u32(s.size());
        out.append(s);
    }
    void strs(const std::vector<std::string>& v) {
        u32(v.size());
        for (const auto& s : v) str(s);
    }
    void words(const Words& w) { str(w.packed()); }
    void date(Date d) { pod(d.days()); }
    void opt_date(const std::optional<Date>& d) {
        b(d.has_value());
        if (d) date(*d);
    }
};

struct Malformed : std::runtime_error {
    Malformed() : std::runtime_error("malformed cache") {}
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    template <class T> T pod() {
        if (m_in.size() - m_pos < sizeof(T)) throw Malformed();
        T v;
        std::memcpy(&v, m_in.data() + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }
    std::size_t u32() { return pod<std::uint32_t>(); }
    int i32() { return pod<std::int32_t>(); }
    bool b() {
        auto v = pod<std::uint8_t>();
        if (v > 1) throw Malformed();
        return v == 1;
    }
    /// The bytes of the next string, still in the input.
    std::string_view view() {
        std::size_t n = u32();
        if (m_in.size() - m_pos < n) throw Malformed();
        std::string_view s = m_in.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::string str() { return std::string(view()); }
    /// Reads the next string into `s` (no temporary to move from).
    void str(std::string& s) { s.assign(view()); }
    /// A count of items that each take at least `min_bytes`: bounded by what
    /// is left, so a corrupt count cannot make us allocate gigabytes.
    std::size_t count(std::size_t min_bytes) {
        std::size_t n = u32();
        if (n > (m_in.size() - m_pos) / std::max<std::size_t>(1, min_bytes)) throw Malformed();
        return n;
    }
    void strs(std::vector<std::string>& v) {
        const std::size_t n = count(4);
        v.reserve(n);
        for (std::size_t i = 0; i < n; ++i) v.emplace_back(view());
    }
    std::vector<std::string> strs() {
        std::vector<std::string> v;
        strs(v);
        return v;
    }
    Words words() {
        const std::string_view packed = view(); // after its length, which Words reads
        if (!Words::well_formed(packed)) throw Malformed();
        return packed.empty() ? Words() : Words::at(packed.data() - 4);
    }
    Date date() { return Date::from_days(pod<std::int32_t>()); }
    std::optional<Date> opt_date() {
        if (!b()) return std::nullopt;
        return date();
    }
    bool done() const { return m_pos == m_in.size(); }
    const char* here() const { return m_in.data() + m_pos; }
    std::string_view rest() const { return m_in.substr(m_pos); }

private:
    std::string_view m_in;
    std::size_t m_pos = 0;
};

void put(Writer& w, const Body& body) {
    w.u32(body.entries.size());
    for (const Entry& e : body.entries) {
        w.date(e.date);
        w.str(e.text()); // the entry's block, as get_body reads it back
        w.words(e.tags());
        w.words(e.links());
        w.i32(e.line);
    }
    w.u32(body.tasks.size());
    for (const Task& t : body.tasks) {
        w.b(t.done);
        w.pod(t.box);
        w.b(t.recurrence.has_value());
        if (t.recurrence) {
            w.pod(static_cast<std::uint8_t>(t.recurrence->unit));
            w.pod(t.recurrence->every);
            w.b(t.recurrence->when_done);
        }
        w.opt_date(t.due);
        w.str(t.text);
        w.words(t.links);
        w.i32(t.line);
    }
    w.u32(body.links.size());
    for (const LinkRef& l : body.links) {
        w.str(l.target);
        w.i32(l.line);
    }
}

/// The items' strings stay in the cache's bytes, which `owner` keeps alive.
Body get_body(Reader& r, const std::shared_ptr<const void>& owner) {
    Body body;
    body.entries.resize(r.count(20));
    for (Entry& e : body.entries) {
        const Date date = r.date();
        const char* block = r.here(); // the entry's block, stored as it is
        r.view();
        r.words();
        r.words();
        e = Entry(date, r.i32(), block); // reads the tag bits now, while the bytes are at hand
    }
    body.tasks.resize(r.count(15));
    for (Task& t : body.tasks) {
        t.done = r.b();
        t.box = r.pod<char>();
        if (r.b()) {
            Recurrence rec;
            const auto unit = r.pod<std::uint8_t>();
            if (unit > static_cast<std::uint8_t>(Recurrence::Unit::Weekday)) throw Malformed();
            rec.unit = static_cast<Recurrence::Unit>(unit);
            rec.every = r.pod<std::uint16_t>();
            rec.when_done = r.b();
            t.recurrence = rec;
        }
        t.due = r.opt_date();
        t.text = r.view();
        t.links = r.words();
        t.line = r.i32();
    }
    body.links.resize(r.count(8));
    for (LinkRef& l : body.links) {
        l.target = r.view();
        l.line = r.i32();
    }
    if (!body.entries.empty() || !body.tasks.empty() || !body.links.empty()) body.storage = owner;
    return body;
}

template <class T, class F> void put_opt(Writer& w, const std::optional<Located<T>>& v, F&& value) {
    w.b(v.has_value());
    if (!v) return;
    value(v->value);
    w.i32(v->line);
}

template <class T, class F> std::optional<Located<T>> get_opt(Reader& r, F&& value) {
    if (!r.b()) return std::nullopt;
    Located<T> l;
    l.value = value();
    l.line = r.i32();
    return l;
}

void put(Writer& w, const Contact& c) {
    w.str(c.id);
    w.str(c.file);
    w.str(c.name.value);
    w.i32(c.name.line);
    w.strs(c.aliases);
    put_opt(w, c.tier, [&](const std::string& s) { w.str(s); });
    put_opt(w, c.cadence, [&](const Cadence& cad) {
        w.b(cad.days.has_value());
        w.i32(cad.days.value_or(0));
    });
    w.str(c.company);
    w.str(c.title);
    w.str(c.location);
    w.strs(c.emails);
    w.strs(c.phones);
    w.strs(c.tags);
    put_opt(w, c.birthday, [&](const Birthday& b) {
        w.b(b.year.has_value());
        w.i32(b.year.value_or(0));
        w.i32(b.month);
        w.i32(b.day);
    });
    put_opt(w, c.met, [&](Date d) { w.date(d); });
    put_opt(w, c.reviewed, [&](Date d) { w.date(d); });
    put_opt(w, c.introduced_by, [&](const std::string& s) { w.str(s); });
    w.b(c.introduced_by_link.has_value());
    if (c.introduced_by_link) w.str(*c.introduced_by_link);
    w.b(c.archived);
    w.u32(c.extra.size());
    for (const auto& [k, v] : c.extra) {
        w.str(k);
        w.str(v);
    }
    put(w, c.body);
}

Contact get_contact(Reader& r, const std::shared_ptr<const void>& owner) {
    Contact c;
    r.str(c.id);
    r.str(c.file);
    r.str(c.name.value);
    c.name.line = r.i32();
    r.strs(c.aliases);
    c.tier = get_opt<std::string>(r, [&] { return r.str(); });
    c.cadence = get_opt<Cadence>(r, [&] {
        Cadence cad;
        bool has = r.b();
        int days = r.i32();
        if (has) cad.days = days;
        return cad;
    });
    r.str(c.company);
    r.str(c.title);
    r.str(c.location);
    r.strs(c.emails);
    r.strs(c.phones);
    r.strs(c.tags);
    c.birthday = get_opt<Birthday>(r, [&] {
        Birthday b;
        bool has_year = r.b();
        int year = r.i32();
        if (has_year) b.year = year;
        b.month = r.i32();
        b.day = r.i32();
        return b;
    });
    c.met = get_opt<Date>(r, [&] { return r.date(); });
    c.reviewed = get_opt<Date>(r, [&] { return r.date(); });
    c.introduced_by = get_opt<std::string>(r, [&] { return r.str(); });
    if (r.b()) c.introduced_by_link = r.str();
    c.archived = r.b();
    c.extra.resize(r.count(8));
    for (auto& [k, v] : c.extra) {
        r.str(k);
        r.str(v);
    }
    c.body = get_body(r, owner);
    return c;
}

void put(Writer& w, const CacheRecord& f) {
    w.b(f.kind == FileKind::Contact);
    w.pod(f.stamp.size);
    w.pod(f.stamp.mtime_ns);
    w.pod(f.stamp.ctime_ns);
    w.pod(f.stamp.inode);
    const ParsedFile& p = *f.parsed;
    w.str(p.file);
    w.u32(p.diagnostics.size());
    for (const Diagnostic& d : p.diagnostics) {
        w.str(d.file);
        w.i32(d.line);
        w.b(d.level == Level::Error);
        w.str(d.message);
    }
    w.b(p.contact.has_value());
    if (p.contact) put(w, *p.contact);
    w.b(p.note.has_value());
    if (p.note) {
        w.str(p.note->file);
        w.opt_date(p.note->date);
        put(w, p.note->body);
    }
}

void get_file(Reader& r, const std::shared_ptr<const void>& owner, FileKind& kind, FileStamp& stamp, ParsedFile& p) {
    kind = r.b() ? FileKind::Contact : FileKind::Note;
    stamp.size = r.pod<std::uint64_t>();
    stamp.mtime_ns = r.pod<std::int64_t>();
    stamp.ctime_ns = r.pod<std::int64_t>();
    stamp.inode = r.pod<std::uint64_t>();
    r.str(p.file);
    p.diagnostics.resize(r.count(13));
    for (Diagnostic& d : p.diagnostics) {
        r.str(d.file);
        d.line = r.i32();
        d.level = r.b() ? Level::Error : Level::Warning;
        r.str(d.message);
    }
    if (r.b()) p.contact = get_contact(r, owner);
    if (r.b()) {
        Note n;
        r.str(n.file);
        n.date = r.opt_date();
        n.body = get_body(r, owner);
        p.note = std::move(n);
    }
}

constexpr std::size_t k_header = sizeof k_magic + 4 + 8 + 8 + 8 + 8; // magic, format, key, length, checksum
constexpr std::size_t k_table_entry = 4 + 8 + 8;                      // files, bytes, checksum of a chunk

} // namespace

CacheStore::Blob CacheStore::Blob::copy_of(std::string_view bytes, std::int64_t mtime_ns) {
    auto owned = std::make_shared<const std::string>(bytes);
    const std::string_view view = *owned;
    return Blob{std::move(owned), view, mtime_ns};
}

std::string encode_cache(const CacheKey& key, const std::vector<CacheRecord>& files) {
    // Payload: file count, chunk count, (files, bytes, checksum) per chunk,
    // then the chunks, so that a reader can check and decode the chunks on
    // several threads. The header's checksum covers the table.
    std::vector<std::string> chunks;
    std::vector<std::size_t> counts;
    for (std::size_t first = 0; first < files.size(); first += k_chunk_files) {
        Writer c;
        const std::size_t last = std::min(files.size(), first + k_chunk_files);
        for (std::size_t i = first; i < last; ++i) put(c, files[i]);
        chunks.push_back(std::move(c.out));
        counts.push_back(last - first);
    }
    // Assembled in place: a cache of a large vault is a hundred megabytes,
    // and each extra copy would add that much to the peak memory.
    Writer w;
    std::size_t data = 0;
    for (const std::string& c : chunks) data += c.size();
    w.out.reserve(k_header + 8 + chunks.size() * k_table_entry + data);
    w.out.append(k_magic, sizeof k_magic);
    w.pod(k_format);
    w.pod(key.exe_size);
    w.pod(key.exe_mtime_ns);
    const std::size_t length_at = w.out.size();
    w.pod(std::uint64_t{0}); // length and checksum, filled in below
    w.pod(std::uint64_t{0});
    w.u32(files.size());
    w.u32(chunks.size());
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        w.u32(counts[i]);
        w.pod(static_cast<std::uint64_t>(chunks[i].size()));
        w.pod(checksum(chunks[i]));
    }
    const std::uint64_t sum = checksum(std::string_view(w.out).substr(k_header));
    for (std::string& c : chunks) {
        w.out += c;
        std::string().swap(c);
    }
    const std::uint64_t length = w.out.size() - k_header;
    std::memcpy(w.out.data() + length_at, &length, 8);
    std::memcpy(w.out.data() + length_at + 8, &sum, 8);
    return std::move(w.out);
}

std::optional<CachedFiles> decode_cache(std::string_view bytes, const CacheKey& key, unsigned threads) {
    const CacheStore::Blob copy = CacheStore::Blob::copy_of(bytes, 0);
    return decode_cache(copy, key, threads);
}

std::optional<CachedFiles> decode_cache(const CacheStore::Blob& blob, const CacheKey& key, unsigned threads) {
    const std::string_view bytes = blob.bytes;
    const std::shared_ptr<const void>& owner = blob.owner;
    if (bytes.size() < k_header || std::memcmp(bytes.data(), k_magic, sizeof k_magic) != 0) return std::nullopt;
    // What a cache decodes to lives as long as the run: bump-allocated, on
    // this thread and on each decoding thread.
    ArenaScope arena;
    try {
        Reader h(bytes.substr(sizeof k_magic, k_header - sizeof k_magic));
        if (h.pod<std::uint32_t>() != k_format) return std::nullopt;
        CacheKey stored;
        stored.exe_size = h.pod<std::uint64_t>();
        stored.exe_mtime_ns = h.pod<std::int64_t>();
        if (!(stored == key)) return std::nullopt;
        const auto length = h.pod<std::uint64_t>();
        const auto sum = h.pod<std::uint64_t>();
        std::string_view payload = bytes.substr(k_header);
        if (payload.size() != length) return std::nullopt;

        Reader r(payload);
        const std::size_t total = r.count(40);
        const std::size_t n_chunks = r.count(k_table_entry);
        struct Chunk {
            std::size_t first = 0, count = 0, size = 0;
            std::uint64_t sum = 0;
            std::string_view bytes;
        };
        std::vector<Chunk> chunks(n_chunks);
        std::size_t files_seen = 0, data_size = 0;
        for (Chunk& c : chunks) {
            c.first = files_seen;
            c.count = r.u32();
            c.size = r.pod<std::uint64_t>();
            c.sum = r.pod<std::uint64_t>();
            if (c.size > payload.size()) return std::nullopt;
            files_seen += c.count;
            data_size += c.size;
        }
        // The chunks fill the rest of the payload exactly.
        const std::string_view data = r.rest();
        if (checksum(payload.substr(0, payload.size() - data.size())) != sum) return std::nullopt;
        if (files_seen != total || data.size() != data_size) return std::nullopt;
        std::size_t at = 0;
        for (Chunk& c : chunks) {
            c.bytes = data.substr(at, c.size);
            at += c.size;
        }

        CachedFiles files;
        files.parsed.resize(total);
        files.kinds.resize(total);
        files.stamps.resize(total);
        std::atomic<std::size_t> next{0};
        std::atomic<bool> bad{false};
        auto work = [&] {
            ArenaScope worker_arena;
            for (std::size_t k = next.fetch_add(1); k < chunks.size() && !bad; k = next.fetch_add(1)) {
                try {
                    if (checksum(chunks[k].bytes) != chunks[k].sum) throw Malformed();
                    Reader cr(chunks[k].bytes);
                    if (chunks[k].count > chunks[k].bytes.size() / 40) throw Malformed();
                    for (std::size_t i = chunks[k].first; i < chunks[k].first + chunks[k].count; ++i)
                        get_file(cr, owner, files.kinds[i], files.stamps[i], files.parsed[i]);
                    if (!cr.done()) bad = true;
                } catch (const std::exception&) {
                    bad = true;
                }
            }
        };
        threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), chunks.size()));
        if (threads <= 1) {
            work();
        } else {
            std::vector<std::thread> pool;
            for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
            work();
            for (auto& t : pool) t.join();
        }
        if (bad) return std::nullopt;
        return files;
    } catch (const Malformed&) {
        return std::nullopt;
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    }
}

} // namespace kith
