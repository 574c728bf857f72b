#pragma once
/// Warnings about file names that work here but break a vault synced to
/// another system: names Windows reserves, and ids that macOS or Windows
/// would store as one file (they differ only in accents or Unicode
/// normalisation). Pure: computed from the index alone.

#include "kith/index/vault_index.hpp"
#include "kith/model/diagnostic.hpp"

#include <string_view>

namespace kith {

/// Whether `stem` (a file name without its extension) is a device name that
/// Windows reserves whatever the extension: CON, PRN, AUX, NUL, COM1-9,
/// LPT1-9, in any case.
bool is_windows_reserved(std::string_view stem);

/// One warning per contact or note whose file name is reserved on Windows,
/// and per contact whose id differs from an earlier one (by path) only in
/// accents or Unicode normalisation (the same slug); ids equal but for ASCII
/// case are duplicate-id errors already and are left out.
Diagnostics layout_warnings(const VaultIndex& index);

} // namespace kith
