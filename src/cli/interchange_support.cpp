#include "interchange_support.hpp"

#include "kith/interchange/ics.hpp"

#include <random>

namespace kith::cli {

namespace fs = std::filesystem;

fs::path absolute_from(const Context& ctx, const std::string& path) {
    fs::path p(path);
    return (p.is_absolute() ? p : ctx.cwd / p).lexically_normal();
}

void write_out(const fs::path& path, const std::string& text) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) throw Failure("cannot make the folder " + path.parent_path().string() + ": " + ec.message());
    try {
        write_atomic(path, text);
    } catch (const std::exception& e) {
        throw Failure("cannot write " + path.string() + ": " + e.what());
    }
}

namespace {

/// `urn:uuid:` form of 32 hexadecimal digits, with the version and variant
/// bits of RFC 4122 set.
std::string uuid_text(std::string hex, char version) {
    hex[12] = version;
    static const char* variant = "89ab";
    hex[16] = variant[std::stoi(std::string(1, hex[16]), nullptr, 16) & 3];
    return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
           "-" + hex.substr(20, 12);
}

} // namespace

std::string new_uid() {
    std::random_device rd;
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (int i = 0; i < 32; ++i) hex += digits[rd() & 0xF];
    return uuid_text(hex, '4');
}

std::string derived_uid(const std::string& id) {
    // Two independent 64-bit digests make the 128 bits; version 8 marks a
    // UUID made by the application's own rule (RFC 9562).
    return uuid_text(ics::digest("kith-contact:" + id) + ics::digest("kith-contact-2:" + id), '8');
}

} // namespace kith::cli
