#include "kith/interchange/vcard.hpp"

#include "kith/parse/text.hpp"
#include "kith/render/terminal.hpp"

#include <algorithm>
#include <cctype>

namespace kith::vcard {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1Fu;
    else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0Fu;
    else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07u;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out += ch;
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/// Quoted-printable (soft line breaks were joined while unfolding).
std::string decode_qp(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// Splits at unescaped `sep` (a backslash escapes the next character).
std::vector<std::string_view> split_escaped(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(s.substr(start));
    return out;
}

std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[++i];
            out += (n == 'n' || n == 'N') ? '\n' : n;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// A value for a front-matter field: unescaped, newlines turned into spaces,
/// trimmed.
std::string field(std::string_view raw) {
    std::string v = unescape(raw);
    for (char& c : v)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return std::string(trim(v));
}

struct Param {
    std::string name;  ///< uppercase; a bare 2.1 parameter (`HOME`) is TYPE
    std::string value; ///< as written, quotes removed
};

struct Property {
    std::string name; ///< uppercase, group removed
    std::vector<Param> params;
    std::string value;
    int line = 1;

    std::optional<std::string> param(std::string_view n) const {
        for (const Param& p : params)
            if (p.name == n) return p.value;
        return std::nullopt;
    }
};

/// `[group.]NAME(;PARAM)*:VALUE` -> Property; nullopt when there is no `:` or
/// no name.
std::optional<Property> split_property(std::string_view l, int line) {
    // The colon ends the name and parameters, unless inside a quoted value.
    bool quoted = false;
    std::size_t colon = std::string_view::npos;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (l[i] == '"') quoted = !quoted;
        else if (l[i] == ':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon == std::string_view::npos) return std::nullopt;
    Property p;
    p.line = line;
    p.value = std::string(l.substr(colon + 1));
    std::string_view head = l.substr(0, colon);
    std::vector<std::string_view> parts;
    {
        std::size_t start = 0;
        bool q = false;
        for (std::size_t i = 0; i <= head.size(); ++i) {
            if (i < head.size() && head[i] == '"') q = !q;
            if (i == head.size() || (head[i] == ';' && !q)) {
                parts.push_back(head.substr(start, i - start));
                start = i + 1;
            }
        }
    }
    std::string_view name = trim(parts[0]);
    if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
    if (name.empty()) return std::nullopt;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
    p.name = upper(name);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        std::string_view part = trim(parts[i]);
        if (part.empty()) continue;
        Param prm;
        if (auto eq = part.find('='); eq != std::string_view::npos) {
            prm.name = upper(trim(part.substr(0, eq)));
            std::string_view v = trim(part.substr(eq + 1));
            std::string value;
            for (char c : v)
                if (c != '"') value += c;
            prm.value = value;
        } else {
            // vCard 2.1 writes bare parameters: `TEL;HOME;VOICE:`; ENCODING
            // and CHARSET values may also come bare (`;QUOTED-PRINTABLE`).
            std::string u = upper(part);
            if (u == "QUOTED-PRINTABLE" || u == "BASE64" || u == "8BIT" || u == "7BIT") prm.name = "ENCODING";
            else prm.name = "TYPE";
            prm.value = std::string(part);
        }
        p.params.push_back(std::move(prm));
    }
    return p;
}

bool is_qp(std::string_view head) {
    // Only the part before the value matters; a cheap case-insensitive search.
    return ascii_lower(head).find("quoted-printable") != std::string::npos;
}

/// BDAY in the forms phones and RFCs write: `1988-03-14`, `19880314`,
/// `--0314`, `--03-14`, with a time after `T`, and Apple's year 1604 with
/// X-APPLE-OMIT-YEAR for an unknown year.
std::optional<Birthday> parse_bday(std::string_view v, bool omit_year) {
    v = trim(v);
    if (auto t = v.find('T'); t != std::string_view::npos) v = v.substr(0, t);
    std::string digits;
    bool no_year = false;
    if (v.substr(0, 2) == "--") {
        no_year = true;
        v.remove_prefix(2);
    }
    for (char c : v) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        else if (c != '-') return std::nullopt;
    }
    std::string text;
    if (no_year && digits.size() == 4) text = "--" + digits.substr(0, 2) + "-" + digits.substr(2, 2);
    else if (!no_year && digits.size() == 8)
        text = omit_year ? "--" + digits.substr(4, 2) + "-" + digits.substr(6, 2)
                         : digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
    else return std::nullopt;
    return Birthday::parse(text);
}

/// Values of one kind (EMAIL, TEL, NICKNAME, CATEGORIES) a card may hold.
constexpr std::size_t k_max_values = 1000;

/// Adds `value` unless it is empty or already there; false when it is new
/// but the list already holds k_max_values.
bool add_unique(std::vector<std::string>& list, std::string value, bool case_insensitive) {
    if (value.empty()) return true;
    for (const auto& v : list)
        if (case_insensitive ? iequals(v, value) : v == value) return true;
    if (list.size() >= k_max_values) return false;
    list.push_back(std::move(value));
    return true;
}

class Reader {
public:
    Reader(std::string_view bytes, std::string_view file) : m_bytes(bytes), m_file(file) {}

    ParseResult run() {
        if (m_bytes.substr(0, 3) == "\xEF\xBB\xBF") m_pos = 3;
        std::string logical;
        int logical_line = 0;
        bool overlong = false;
        int line_no = 0;
        while (m_pos < m_bytes.size() && !stopped()) {
            std::string_view phys = next_physical();
            ++line_no;
            const bool continuation = !phys.empty() && (phys[0] == ' ' || phys[0] == '\t');
            // A quoted-printable value ending in `=` goes on on the next line,
            // which has no leading blank (vCard 2.1).
            const bool qp_soft = logical_line && !logical.empty() && logical.back() == '=' &&
                                 is_qp(std::string_view(logical).substr(0, logical.find(':')));
            if (logical_line && (continuation || qp_soft)) {
                std::string_view more = continuation ? phys.substr(1) : phys;
                if (qp_soft) logical.pop_back();
                if (overlong || logical.size() + more.size() > k_max_property_bytes) {
                    overlong = true;
                } else {
                    logical.append(more);
                }
                continue;
            }
            if (logical_line) finish_logical(logical, logical_line, overlong);
            logical.assign(phys.size() > k_max_property_bytes ? phys.substr(0, k_max_property_bytes) : phys);
            overlong = phys.size() > k_max_property_bytes;
            logical_line = line_no;
        }
        if (logical_line && !stopped()) finish_logical(logical, logical_line, overlong);
        if (m_in_card && !stopped())
            error(m_card.line, "the card that starts here has no END:VCARD (the file is truncated?)");
        return std::move(m_result);
    }

private:
    bool stopped() const { return m_errors >= k_max_errors; }

    void error(int line, std::string message) {
        ++m_errors;
        if (m_errors == k_max_errors)
            message = "too many errors: over the " + std::to_string(k_max_errors) + "-error limit; stopped reading";
        m_result.diagnostics.push_back({std::string(m_file), line, Level::Error, std::move(message)});
    }
    void warning(int line, std::string message) {
        m_result.diagnostics.push_back({std::string(m_file), line, Level::Warning, std::move(message)});
    }

    std::string_view next_physical() {
        std::size_t start = m_pos;
        std::size_t end = start;
        while (end < m_bytes.size() && m_bytes[end] != '\n' && m_bytes[end] != '\r') ++end;
        m_pos = end;
        if (m_pos < m_bytes.size() && m_bytes[m_pos] == '\r') ++m_pos;
        if (m_pos < m_bytes.size() && m_bytes[m_pos] == '\n') ++m_pos;
        return m_bytes.substr(start, end - start);
    }

    void finish_logical(const std::string& l, int line, bool overlong) {
        if (overlong) {
            std::string_view head = std::string_view(l).substr(0, std::min<std::size_t>(l.find_first_of(";:"), 40));
            error(line, "property '" + std::string(head) + "' is over the " +
                            std::to_string(k_max_property_bytes / 1024 / 1024) +
                            " MiB property size limit; the card is not read");
            if (m_in_card) m_card_bad = true;
            return;
        }
        if (trim(l).empty()) return;
        for (char c : l) {
            const auto u = static_cast<unsigned char>(c);
            if (u == 0 || (u < 0x20 && c != '\t') || u == 0x7F) {
                error(line, "binary data where a vCard line should be");
                if (m_in_card) m_card_bad = true;
                return;
            }
        }
        auto p = split_property(l, line);
        if (!p) {
            error(line, m_in_card ? "not a vCard property (NAME:VALUE): \"" + short_text(l) + "\""
                                  : "text outside a card (expected BEGIN:VCARD): \"" + short_text(l) + "\"");
            if (m_in_card) m_card_bad = true;
            return;
        }
        if (p->name == "BEGIN") {
            if (!iequals(trim(p->value), "VCARD")) {
                if (m_in_card) return; // other components are skipped inside a card
                error(line, "expected BEGIN:VCARD, not \"" + short_text(l) + "\"");
                return;
            }
            if (m_in_card) {
                error(line, "a card starts inside the card of line " + std::to_string(m_card.line) +
                                " (END:VCARD missing before it?)");
                m_card_bad = true;
            }
            m_in_card = true;
            m_card_bad = false;
            m_capped = false;
            m_card = Card{};
            m_card.line = line;
            m_n_name.clear();
            return;
        }
        if (!m_in_card) {
            error(line, "text outside a card (expected BEGIN:VCARD): \"" + short_text(l) + "\"");
            return;
        }
        if (p->name == "END") {
            if (!iequals(trim(p->value), "VCARD")) return;
            if (m_card.name.empty()) m_card.name = m_n_name;
            if (!m_card_bad) m_result.cards.push_back(std::move(m_card));
            m_in_card = false;
            return;
        }
        property(*p);
    }

    static std::string short_text(std::string_view l) {
        std::string s(l.substr(0, 40));
        // Cut at a character boundary so that the message stays UTF-8.
        while (!s.empty() && !valid_utf8(s)) s.pop_back();
        return s + (l.size() > 40 ? "..." : "");
    }

    /// The value of a text property, decoded (encoding, charset) and checked;
    /// nullopt (with an error) when it is not text.
    std::optional<std::string> text_value(const Property& p) {
        std::string v = p.value;
        const std::string enc = upper(p.param("ENCODING").value_or(""));
        if (enc == "QUOTED-PRINTABLE") v = decode_qp(v);
        else if (enc == "B" || enc == "BASE64") return std::nullopt; // binary: not something kith keeps
        const std::string cs = upper(p.param("CHARSET").value_or("UTF-8"));
        if (cs == "ISO-8859-1" || cs == "LATIN1" || cs == "WINDOWS-1252" || cs == "CP1252") v = latin1_to_utf8(v);
        if (!valid_utf8(v)) {
            error(p.line, "'" + p.name + "' is not valid UTF-8" +
                              (p.param("CHARSET") ? " (CHARSET=" + *p.param("CHARSET") + ")" : ""));
            m_card_bad = true;
            return std::nullopt;
        }
        if (v.find('\0') != std::string::npos) {
            error(p.line, "'" + p.name + "' holds a NUL byte");
            m_card_bad = true;
            return std::nullopt;
        }
        // Decoding (`=1B`) must not let in what a raw line may not hold; a
        // line break (=0D=0A) is text's own and becomes a space.
        for (char ch : v) {
            const auto u = static_cast<unsigned char>(ch);
            if ((u < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || u == 0x7F) {
                static constexpr char hex[] = "0123456789ABCDEF";
                error(p.line, "'" + p.name + "' holds a control character (=" + hex[u >> 4] + hex[u & 15] +
                                  " in quoted-printable); the card is not read");
                m_card_bad = true;
                return std::nullopt;
            }
        }
        return v;
    }

    void property(const Property& p) {
        static const char* const ignored[] = {"PHOTO", "LOGO", "SOUND", "KEY", "AGENT"};
        for (const char* n : ignored)
            if (p.name == n) return; // binary or nested: nothing kith keeps
        Card& c = m_card;
        if (p.name == "VERSION") {
            c.version = std::string(trim(p.value));
            if (c.version != "2.1" && c.version != "3.0" && c.version != "4.0")
                warning(p.line, "unknown vCard version \"" + short_text(c.version) + "\"; read as 4.0");
            return;
        }
        static const char* const used[] = {"FN", "N", "NICKNAME", "EMAIL", "TEL", "ORG", "TITLE",
                                           "BDAY", "ADR", "CATEGORIES", "UID"};
        if (std::none_of(std::begin(used), std::end(used), [&](const char* n) { return p.name == n; })) return;
        if (m_card_bad && m_capped) return; // past a cap: the card is not read, nothing more to say
        auto value = text_value(p);
        if (!value) return;
        const std::string& v = *value;
        if (p.name == "FN") {
            if (c.name.empty()) c.name = field(v);
        } else if (p.name == "N") {
            if (!m_n_name.empty()) return;
            auto parts = split_escaped(v, ';');
            // prefix given additional family suffix
            std::string name;
            for (std::size_t k : {3u, 1u, 2u, 0u, 4u}) {
                if (k >= parts.size()) continue;
                std::string part = field(parts[k]);
                for (char& ch : part)
                    if (ch == ',') ch = ' ';
                if (!part.empty()) name += (name.empty() ? "" : " ") + part;
            }
            m_n_name = name; // used when there is no FN, wherever N comes
        } else if (p.name == "NICKNAME") {
            for (auto part : split_escaped(v, ','))
                if (!add_unique(c.nicknames, field(part), true)) return too_many(p);
        } else if (p.name == "CATEGORIES") {
            for (auto part : split_escaped(v, ','))
                if (!add_unique(c.categories, field(part), true)) return too_many(p);
        } else if (p.name == "EMAIL") {
            std::string e = field(v);
            if (e.size() > 7 && iequals(std::string_view(e).substr(0, 7), "mailto:")) e.erase(0, 7);
            if (!add_unique(c.emails, e, true)) return too_many(p);
        } else if (p.name == "TEL") {
            std::string t = field(v);
            if (t.size() > 4 && iequals(std::string_view(t).substr(0, 4), "tel:")) t.erase(0, 4);
            if (!add_unique(c.phones, t, false)) return too_many(p);
        } else if (p.name == "ORG") {
            if (c.org.empty()) c.org = field(split_escaped(v, ';')[0]);
        } else if (p.name == "TITLE") {
            if (c.title.empty()) c.title = field(v);
        } else if (p.name == "UID") {
            if (c.uid.empty()) c.uid = field(v);
        } else if (p.name == "BDAY") {
            if (c.birthday) return;
            const bool omit = p.param("X-APPLE-OMIT-YEAR").has_value();
            c.birthday = parse_bday(v, omit);
            if (!c.birthday) warning(p.line, "'BDAY' is not a date kith can read: \"" + short_text(v) + "\"; left out");
        } else if (p.name == "ADR") {
            if (!c.location.empty()) return;
            auto parts = split_escaped(v, ';');
            auto part = [&](std::size_t k) { return k < parts.size() ? field(parts[k]) : std::string(); };
            Address a;
            a.street = part(2);
            a.locality = part(3);
            a.region = part(4);
            a.code = part(5);
            a.country = part(6);
            c.location = join_location(a);
        }
    }

    /// A card past a cap is an error (not silently cut short): a hostile
    /// card with a million EMAIL lines then costs linear time, and the user
    /// learns that it was not read.
    void too_many(const Property& p) {
        error(p.line, "the card has more than " + std::to_string(k_max_values) + " " + p.name + " values (the limit is " +
                          std::to_string(k_max_values) + "); the card is not read");
        m_card_bad = true;
        m_capped = true;
    }

    std::string_view m_bytes;
    std::string_view m_file;
    std::size_t m_pos = 0;
    ParseResult m_result;
    std::size_t m_errors = 0;
    bool m_in_card = false;
    bool m_card_bad = false;
    bool m_capped = false; ///< the card went past a cap
    Card m_card;
    std::string m_n_name; ///< the name N gives, for a card without FN
};

/// Parts of a location: split at ", " only, so that joining them back with
/// ", " gives the same text ("Oslo,Norway" stays one part).
std::vector<std::string> split_commas(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t comma = s.find(", ", start);
        out.emplace_back(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 2;
    }
    return out;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string four(int n) {
    std::string s = std::to_string(n);
    return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

} // namespace

bool ParseResult::has_errors() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.level == Level::Error; });
}

ParseResult parse_vcards(std::string_view bytes, std::string_view file) { return Reader(bytes, file).run(); }

std::optional<Version> parse_version(std::string_view text) {
    if (text == "3.0") return Version::V3;
    if (text == "4.0") return Version::V4;
    return std::nullopt;
}

std::string escape_text(std::string_view raw) {
    // vCard text may not hold control characters (RFC 6350 3.3): dropped.
    const std::string value = without_controls(raw);
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ',': out += "\\,"; break;
        case ';': out += "\\;"; break;
        case '\n': out += "\\n"; break;
        case '\r': break;
        default: out += c;
        }
    }
    return out;
}

std::string fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t i = 0;
    std::size_t room = 75; // octets on the first line; 74 after the leading space
    while (line.size() - i > room) {
        std::size_t cut = i + room;
        while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut; // not inside a character
        if (cut == i) cut = i + room; // not UTF-8 at all: cut anyway rather than loop
        out.append(line.substr(i, cut - i));
        out += "\r\n ";
        i = cut;
        room = 74;
    }
    out.append(line.substr(i));
    out += "\r\n";
    return out;
}

Address split_location(std::string_view location) {
    std::vector<std::string> parts = split_commas(trim(location));
    Address a;
    const std::size_t n = parts.size();
    if (n == 1) {
        a.locality = parts[0];
    } else if (n == 2) {
        a.locality = parts[0];
        a.country = parts[1];
    } else {
        for (std::size_t k = 0; k + 3 < n; ++k) a.street += (k ? ", " : "") + parts[k];
        a.locality = parts[n - 3];
        a.region = parts[n - 2];
        a.country = parts[n - 1];
    }
    return a;
}

std::string join_location(const Address& a) {
    std::string out;
    for (const std::string* s : {&a.street, &a.locality, &a.region, &a.code, &a.country})
        if (!s->empty()) out += (out.empty() ? "" : ", ") + *s;
    return out;
}

std::optional<std::string> contact_uid(const Contact& contact) {
    for (const auto& [k, v] : contact.extra)
        if (k == "uid" && !trim(v).empty()) return std::string(trim(v));
    return std::nullopt;
}

std::string write_vcard(const Contact& c, std::string_view uid, Version version) {
    const bool v4 = version == Version::V4;
    std::string out;
    auto line = [&](std::string_view l) { out += fold_line(l); };
    line("BEGIN:VCARD");
    line(v4 ? "VERSION:4.0" : "VERSION:3.0");
    line("PRODID:-//kith//kith//EN");
    if (!uid.empty()) line("UID:" + escape_text(uid));
    line("FN:" + escape_text(c.name.value));
    {
        // N is required in 3.0: the last word is taken as the family name.
        std::string_view name = trim(c.name.value);
        std::size_t space = name.rfind(' ');
        std::string family = space == std::string_view::npos ? std::string(name) : std::string(name.substr(space + 1));
        std::string given = space == std::string_view::npos ? std::string() : std::string(trim(name.substr(0, space)));
        line("N:" + escape_text(family) + ";" + escape_text(given) + ";;;");
    }
    if (!c.aliases.empty()) {
        std::string v;
        for (const auto& a : c.aliases) v += (v.empty() ? "" : ",") + escape_text(a);
        line("NICKNAME:" + v);
    }
    if (!c.company.empty()) line("ORG:" + escape_text(c.company));
    if (!c.title.empty()) line("TITLE:" + escape_text(c.title));
    for (const auto& e : c.emails) line((v4 ? "EMAIL:" : "EMAIL;TYPE=INTERNET:") + escape_text(e));
    for (const auto& p : c.phones) line((v4 ? "TEL;TYPE=voice:" : "TEL;TYPE=VOICE:") + escape_text(p));
    if (c.birthday) {
        const Birthday& b = c.birthday->value;
        if (v4) {
            line("BDAY:" + (b.year ? four(*b.year) : std::string("--")) + two(b.month) + two(b.day));
        } else if (b.year) {
            line("BDAY:" + four(*b.year) + "-" + two(b.month) + "-" + two(b.day));
        } else {
            // vCard 3.0 has no date without a year; Apple's convention (a
            // leap year, 1604, flagged as not meant) is what phones read.
            line("BDAY;X-APPLE-OMIT-YEAR=1604:1604-" + two(b.month) + "-" + two(b.day));
        }
    }
    if (!c.location.empty()) {
        Address a = split_location(c.location);
        line(std::string(v4 ? "ADR;TYPE=home:" : "ADR;TYPE=HOME:") + ";;" + escape_text(a.street) + ";" +
             escape_text(a.locality) + ";" + escape_text(a.region) + ";" + escape_text(a.code) + ";" +
             escape_text(a.country));
    }
    if (!c.tags.empty()) {
        std::string v;
        for (const auto& t : c.tags) v += (v.empty() ? "" : ",") + escape_text(t);
        line("CATEGORIES:" + v);
    }
    line("END:VCARD");
    return out;
}

} // namespace kith::vcard
