#pragma once
/// What `kith export` and `kith import` share: paths given on the command
/// line, files written outside the vault, and UIDs.

#include "cli.hpp"

#include <filesystem>
#include <string>

namespace kith::cli {

/// A path from the command line, relative to the working folder.
std::filesystem::path absolute_from(const Context& ctx, const std::string& path);

/// Writes a file outside the vault atomically (its folder is made if needed);
/// Failure with the reason otherwise.
void write_out(const std::filesystem::path& path, const std::string& text);

/// A fresh random UID, `urn:uuid:` and a version 4 UUID.
std::string new_uid();

/// A UID derived from a contact id (the same id gives the same UID), for
/// exports that must not write to the vault.
std::string derived_uid(const std::string& id);

} // namespace kith::cli
