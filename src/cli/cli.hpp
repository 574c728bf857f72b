#pragma once
/// The command-line front end: a table of commands, one file each, and a
/// dispatcher that parses options, opens the vault once and runs a command.

#include "adapters/git_tree_source.hpp"
#include "adapters/vault_writer.hpp"
#include "kith/index/vault_index.hpp"
#include "kith/render/render.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kith::cli {

namespace po = boost::program_options;

/// Exit statuses of REPORTS.md.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_usage = 2;

/// Bad usage: printed with the command's usage line, exit status 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A failure the user can act on: printed as `kith: error: ...`, exit status 1.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What the process gives the program: streams, environment, working folder.
struct Environment {
    std::ostream& out;
    std::ostream& err;
    bool out_is_tty = false;
    std::function<const char*(const char*)> getenv;
    std::filesystem::path cwd;
    /// The process ends right after the command: skip freeing the index (for a
    /// large vault that is a good part of the run). Tests leave it off.
    bool exit_after_run = false;
};

/// What a command gets: its options, the opened vault and where to write.
struct Context {
    std::ostream& out;
    std::ostream& err;
    const po::variables_map& vm;
    Date today;
    RenderOptions render;
    std::filesystem::path vault;
    const VaultIndex* index = nullptr; ///< set when the command needs the vault
    VaultWriter* writer = nullptr;     ///< set for writing commands (the vault is locked)
    std::function<const char*(const char*)> getenv;
    std::filesystem::path cwd;
    const Revision* at = nullptr; ///< set under `--at REV`: the commit the vault was read from

    template <class T> std::optional<T> opt(const char* name) const {
        if (!vm.count(name)) return std::nullopt;
        return vm[name].as<T>();
    }
    bool flag(const char* name) const { return vm.count(name) && vm[name].as<bool>(); }
    std::vector<std::string> args() const; ///< positional arguments
};

/// What the dispatcher prepares before running a command: nothing, the
/// loaded vault, or the loaded vault under the writers' lock.
enum class Needs { Nothing, Vault, Write };

struct Command {
    const char* name;
    const char* summary;
    const char* usage;       ///< after `kith NAME`
    const char* description; ///< a paragraph or two for `kith help NAME`
    Needs needs;
    void (*add_options)(po::options_description&);
    int max_args; ///< positional arguments accepted (-1: any number)
    int (*run)(Context&);
};

/// Every command, sorted by name.
const std::vector<Command>& commands();

/// Runs `kith ARGS...` and returns the exit status. Never throws.
int run(const std::vector<std::string>& args, Environment& env);

// Shared helpers for commands.

/// A contact named on the command line by id, name or alias; Failure with
/// "did you mean" otherwise.
const ContactRecord& find_contact(const VaultIndex& index, const std::string& who);

/// A `--tier` value: a configured tier, else UsageError listing the tiers.
std::string checked_tier(const VaultIndex& index, const std::string& tier);

/// `D` or a duration `N[dwmy]` before today.
Date parse_since(const std::string& text, Date today);

/// Duration option (`14d`); UsageError naming the option otherwise.
std::int32_t parse_duration_option(const std::string& option, const std::string& text);

} // namespace kith::cli
