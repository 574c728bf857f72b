#pragma once
/// What the writing commands share: checking an edit before it lands,
/// committing it, and telling the user what happened.

#include "cli.hpp"
#include "kith/parse/file.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kith::cli {

/// The id (lowercase file stem) of every contact file in `vault`, with its
/// path, first by path: files kith could not read take their id too.
std::map<std::string, std::string> contact_file_ids(const std::filesystem::path& vault, const std::vector<std::string>& contact_folders);

/// Refuses an edit that would add an error to a file (a safety net: kith must
/// never turn a good note into a bad one). `before` is the old content, if any.
void check_edit(const std::string& rel, FileKind kind, const std::optional<std::string>& before,
                const std::string& after);

/// Commits what the writer wrote, as `<command>: <subject>` with kith's
/// trailer, and prints one line saying what happened. Returns exit status 0.
int finish_write(Context& ctx, const std::string& command, const std::string& subject, const std::string& done);

/// A tag given on the command line, without `#`; UsageError when it holds
/// characters a tag cannot.
std::string checked_tag(const std::string& tag);

/// A date option; UsageError naming the option otherwise.
Date parse_date_option(const std::string& option, const std::string& text);

/// Joins words with spaces; UsageError when there are none or a newline.
std::string joined_text(const std::vector<std::string>& words, const char* what);

/// A short form of a text for commit messages (at most 60 characters).
std::string short_text(std::string_view text);

} // namespace kith::cli
