#include "write_support.hpp"

#include "adapters/fs_source.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>

namespace kith::cli {

void check_edit(const std::string& rel, FileKind kind, const std::optional<std::string>& before,
                const std::string& after) {
    auto errors = [&](std::string_view bytes) {
        std::vector<std::string> out;
        for (const Diagnostic& d : parse_file(rel, bytes, kind).diagnostics)
            if (d.level == Level::Error) out.push_back(d.message);
        return out;
    };
    const auto old_errors = before ? errors(*before) : std::vector<std::string>{};
    for (const Diagnostic& d : parse_file(rel, after, kind).diagnostics) {
        if (d.level != Level::Error) continue;
        if (std::find(old_errors.begin(), old_errors.end(), d.message) != old_errors.end()) continue;
        throw Failure("the change would break " + rel + ", so nothing was written:\n  " + format_diagnostic(d));
    }
}

std::map<std::string, std::string> contact_file_ids(const std::filesystem::path& vault, const std::vector<std::string>& contact_folders) {
    std::map<std::string, std::string> ids;
    FsSource source(vault);
    source.set_contact_folders(contact_folders);
    Diagnostics ignored;
    for (SourceEntry& e : source.list(ignored)) {
        if (e.kind != FileKind::Contact) continue;
        std::string stem = e.path.substr(e.path.rfind('/') + 1);
        stem.resize(stem.size() - 3); // ".md"
        ids.emplace(ascii_lower(stem), std::move(e.path));
    }
    return ids;
}

int finish_write(Context& ctx, const std::string& command, const std::string& subject, const std::string& done) {
    std::string note;
    const std::string message = command + ": " + subject + "\n\n" + k_commit_trailer + command + "\n";
    auto id = ctx.writer->commit(message, ctx.index->config().autocommit, note);
    ctx.out << done;
    if (id) ctx.out << " [" << id->substr(0, 7) << "]";
    ctx.out << '\n';
    if (!note.empty()) ctx.err << note << '\n';
    return k_exit_ok;
}

std::string checked_tag(const std::string& tag) {
    std::string t = tag;
    if (!t.empty() && t.front() == '#') t.erase(0, 1);
    auto ok = [](unsigned char c) { return is_word_byte(c) || c == '_' || c == '-' || c == '/'; };
    if (t.empty() || !std::all_of(t.begin(), t.end(), ok))
        throw UsageError("not a tag: \"" + tag + "\" (letters, digits, _, - and / only)");
    return t;
}

Date parse_date_option(const std::string& option, const std::string& text) {
    auto d = Date::parse(text);
    if (!d) throw UsageError(option + " is not a date: \"" + text + "\" (expected YYYY-MM-DD)");
    return *d;
}

std::string joined_text(const std::vector<std::string>& words, const char* what) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    if (trim(out).empty()) throw UsageError(std::string("no ") + what + " given");
    if (out.find('\n') != std::string::npos || out.find('\r') != std::string::npos)
        throw UsageError(std::string("the ") + what + " must be one line");
    return std::string(trim(out));
}

std::string short_text(std::string_view text) {
    if (text.size() <= 60) return std::string(text);
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // whole UTF-8 characters
    return std::string(text.substr(0, cut)) + "...";
}

} // namespace kith::cli
