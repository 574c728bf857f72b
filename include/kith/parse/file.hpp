#pragma once
/// One vault file -> a contact or a note, with its diagnostics. Pure: the
/// result depends on the path and the bytes only (not on the config or today),
/// which is what lets a loader parse files in parallel and cache them.

#include "kith/model/vault.hpp"

#include <cstddef>
#include <string_view>

namespace kith {

/// Files over this size are refused with an error rather than parsed.
inline constexpr std::size_t k_max_file_bytes = 1024 * 1024;

enum class FileKind { Contact, Note };

/// The kind of a vault-relative `.md` path, or nullopt when kith ignores it
/// (not `.md`, under `templates/`, or a part starting with `.`).
std::optional<FileKind> classify_path(std::string_view rel_path);

/// Parses one file. `rel_path` is vault-relative with `/` separators.
ParsedFile parse_file(std::string_view rel_path, std::string_view bytes, FileKind kind);

/// The error for a file over k_max_file_bytes.
Diagnostic too_large(std::string_view rel_path, std::size_t size);

/// The 1-based line of the first byte that breaks UTF-8, or 0 when valid.
int first_invalid_utf8_line(std::string_view s);

/// The date a note's file name starts with (`2026-11-02-standup.md`), if real.
std::optional<Date> date_from_file_name(std::string_view rel_path);

} // namespace kith
