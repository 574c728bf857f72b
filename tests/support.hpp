#pragma once
// Helpers shared by the tests: build an index from files held in memory, run
// the CLI in-process, and copy sample-vault to a temporary folder.

#include "cli/cli.hpp"
#include "kith/index/vault_index.hpp"
#include "kith/vault/load.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace kith::test {

inline Date day(const char* iso) {
    auto d = Date::parse(iso);
    EXPECT_TRUE(d.has_value()) << iso;
    return d.value_or(Date{});
}

/// An index over `files` (vault-relative path -> content), computed for `today`.
inline VaultIndex index_of(std::map<std::string, std::string> files, const char* today = "2026-11-22") {
    MemorySource src(std::move(files));
    return load_vault(src, day(today), LoadOptions{1});
}

/// Front matter plus body for a contact file.
inline std::string contact(const std::string& front, const std::string& body = "") {
    return "---\n" + front + "\n---\n" + body;
}

/// The result of one in-process `kith ...` run.
struct KithRun {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs kith with `args` in `cwd`; `env` replaces the process environment.
inline KithRun run_kith(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                    std::filesystem::path cwd = std::filesystem::current_path(), bool tty = false) {
    std::ostringstream out, err;
    cli::Environment e{out, err, tty,
                       [&env](const char* name) -> const char* {
                           auto it = env.find(name);
                           return it == env.end() ? nullptr : it->second.c_str();
                       },
                       std::move(cwd)};
    KithRun r;
    r.status = cli::run(args, e);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "kith-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::filesystem::path source_dir() { return KITH_SOURCE_DIR; }

/// Copies sample-vault into `dir`/vault and returns that path.
inline std::filesystem::path copy_sample_vault(const TempDir& dir) {
    auto to = dir.path() / "vault";
    std::filesystem::copy(source_dir() / "sample-vault", to, std::filesystem::copy_options::recursive);
    return to;
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
    std::filesystem::create_directories(p.parent_path());
    FILE* f = std::fopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr) << p;
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
}

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace kith::test
