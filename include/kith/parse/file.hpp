#pragma once
/// One vault file -> a contact or a note, with its diagnostics. Pure: the
/// result depends on the path and the bytes only (not on the config or today),
/// which is what lets a loader parse files in parallel and cache them.

#include "kith/model/vault.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// Files over this size are refused with an error rather than parsed.
inline constexpr std::size_t k_max_file_bytes = 1024 * 1024;

enum class FileKind { Contact, Note };

/// The kind of a vault-relative `.md` path, or nullopt when kith ignores it
/// (not `.md`, under `templates/`, or a part starting with `.`).
std::optional<FileKind> classify_path(std::string_view rel_path);
/// The same, with the contacts under any of `contact_folders` (vault-relative,
/// no trailing `/`: the config's `contact_folders`, VAULT.md v1.2).
std::optional<FileKind> classify_path(std::string_view rel_path, const std::vector<std::string>& contact_folders);

/// Parses one file. `rel_path` is vault-relative with `/` separators.
ParsedFile parse_file(std::string_view rel_path, std::string_view bytes, FileKind kind);

/// The error for a file over k_max_file_bytes.
Diagnostic too_large(std::string_view rel_path, std::size_t size);

/// The 1-based line of the first byte that breaks UTF-8, or 0 when valid.
int first_invalid_utf8_line(std::string_view s);

/// For a contact front-matter key kith does not read, the known key it is
/// probably meant to be (`emails` -> `email`, `Tags` -> `tags`, `birthdate`
/// -> `birthday`, or one within a small edit distance); nullopt when the key
/// is nowhere near one (unknown keys are otherwise legitimate).
std::optional<std::string> known_key_for(std::string_view key);

/// The date a note's file name starts with (`2026-11-02-standup.md`), if real.
std::optional<Date> date_from_file_name(std::string_view rel_path);

} // namespace kith
