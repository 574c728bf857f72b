#include "cli.hpp"

#include "../adapters/fs_source.hpp"
#include "at_support.hpp"
#include "kith/parse/fold.hpp"
#include "kith/parse/text.hpp"
#include "kith/render/csv.hpp"
#include "kith/render/terminal.hpp"
#include "kith/vault/load.hpp"
#include "kith/render/render.hpp"

#include <algorithm>
#include <ctime>
#include <sstream>

namespace kith::cli {

namespace {

constexpr const char* k_version = "0.1.0";

/// Global options, accepted before or after the command name.
po::options_description global_options() {
    po::options_description g("global options");
    g.add_options()
        ("vault", po::value<std::string>()->value_name("DIR"), "the vault folder (else $KITH_VAULT, else the nearest folder above with .kith/ or contacts/)")
        ("today", po::value<std::string>()->value_name("YYYY-MM-DD"), "the day to compute for (else $KITH_TODAY, else the local date)")
        ("at", po::value<std::string>()->value_name("REV"), "read the vault as it was at a git revision (a commit, branch, tag, HEAD~N, or YYYY-MM-DD: the last commit that day); reading commands only")
        ("format", po::value<std::string>()->value_name("FMT"), "table, json or csv (default table)")
        ("csv-raw", po::bool_switch(), "write CSV cells as they are (by default a text cell starting with = + - @, tab or CR gets a leading ' so that a spreadsheet does not run it as a formula)")
        ("strict", po::bool_switch(), "any file that cannot be read or parsed is fatal (exit 1)")
        ("threads", po::value<unsigned>()->value_name("N"), "parse on N threads (default: one per core; $KITH_THREADS)")
        ("no-cache", po::bool_switch(), "neither read nor write the parse cache (.kith/cache/)")
        ("help,h", po::bool_switch(), "show help");
    return g;
}

/// The vault's files without its config, so that the defaults apply: what
/// `kith sync` reads when the config is broken, so that it can still pull the
/// fix (a broken config pulled by sync would otherwise stop every command).
class DefaultConfigSource : public VaultSource {
public:
    explicit DefaultConfigSource(VaultSource& files) : m_files(files) {}
    std::vector<SourceEntry> list(Diagnostics& out) override { return m_files.list(out); }
    ReadResult read(const std::string& path, std::size_t max_bytes) override { return m_files.read(path, max_bytes); }
    std::optional<std::string> read_config(std::string&) override { return std::nullopt; }

private:
    VaultSource& m_files;
};

/// Global options that take a value, for finding the command name.
bool takes_value(const std::string& arg) {
    return arg == "--vault" || arg == "--today" || arg == "--format" || arg == "--threads" || arg == "--at";
}

const Command* find_command(const std::string& name) {
    for (const Command& c : commands())
        if (name == c.name) return &c;
    return nullptr;
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const std::string& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    if (best_d == std::string::npos || best_d > std::max<std::size_t>(2, word.size() / 3)) return {};
    return best;
}

void print_general_help(std::ostream& out) {
    out << "usage: kith [--vault DIR] [--today YYYY-MM-DD] [--format table|json|csv] [--strict]\n"
           "            [--at REV] COMMAND [ARGS]\n\n"
           "kith reads a folder of Markdown contact notes and tells you who needs attention.\n\n"
           "commands:\n";
    std::size_t width = 0;
    for (const Command& c : commands()) width = std::max(width, std::string(c.name).size());
    for (const Command& c : commands())
        out << "  " << c.name << std::string(width + 2 - std::string(c.name).size(), ' ') << c.summary << '\n';
    out << '\n' << global_options() << "\nrun 'kith help COMMAND' for the options of one command\n";
}

void print_command_help(const Command& c, std::ostream& out) {
    out << "usage: kith " << c.name << (*c.usage ? " " : "") << c.usage << "\n\n" << c.summary << ".\n";
    if (*c.description) out << '\n' << c.description << '\n';
    po::options_description own(std::string(c.name) + " options");
    if (c.add_options) {
        c.add_options(own);
        out << '\n' << own;
    }
    out << '\n' << global_options();
}

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return *Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/// `--today`, else $KITH_TODAY; nullopt when neither is given.
std::optional<Date> explicit_today(const po::variables_map& vm, Environment& env) {
    std::string text;
    const char* source = "--today";
    if (vm.count("today")) {
        text = vm["today"].as<std::string>();
    } else if (const char* e = env.getenv("KITH_TODAY"); e && *e) {
        text = e;
        source = "$KITH_TODAY";
    } else {
        return std::nullopt;
    }
    auto d = Date::parse(text);
    if (!d || d->year() > 9000) throw UsageError(std::string(source) + " is not a date: \"" + text + "\" (expected YYYY-MM-DD)");
    return *d;
}

bool use_color(Environment& env) {
    if (!env.out_is_tty) return false;
    if (const char* nc = env.getenv("NO_COLOR"); nc && *nc) return false;
    if (const char* term = env.getenv("TERM"); term && std::string(term) == "dumb") return false;
    return true;
}

unsigned thread_count(const po::variables_map& vm, Environment& env) {
    if (vm.count("threads")) return vm["threads"].as<unsigned>();
    if (const char* t = env.getenv("KITH_THREADS"); t && *t) {
        try {
            return static_cast<unsigned>(std::stoul(t));
        } catch (const std::exception&) {
            throw UsageError("$KITH_THREADS is not a number: \"" + std::string(t) + "\"");
        }
    }
    return 0;
}

/// Runs one command; usage errors and failures are thrown to `run`.
int dispatch(const std::vector<std::string>& args, Environment& env, const Command*& cmd) {
    // The command is the first word that is not an option or an option's value.
    std::size_t at = args.size();
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") break;
        if (!args[i].empty() && args[i][0] == '-') {
            if (takes_value(args[i])) ++i;
            continue;
        }
        at = i;
        break;
    }
    if (at == args.size()) {
        if (std::find(args.begin(), args.end(), "--version") != args.end()) {
            env.out << "kith " << k_version << '\n';
            return k_exit_ok;
        }
        bool help = std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; });
        print_general_help(help ? env.out : env.err);
        return help ? k_exit_ok : k_exit_usage;
    }
    const std::string& name = args[at];
    cmd = find_command(name);
    if (!cmd) {
        std::vector<std::string> names;
        for (const Command& c : commands()) names.emplace_back(c.name);
        std::string hint = nearest(name, names);
        throw UsageError("'" + name + "' is not a kith command" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                         "\n(run 'kith help' for the list)");
    }

    po::options_description all;
    all.add(global_options());
    po::options_description own;
    if (cmd->add_options) cmd->add_options(own);
    all.add(own);
    all.add_options()("args", po::value<std::vector<std::string>>()->multitoken(), "");
    po::positional_options_description pos;
    pos.add("args", -1);

    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i)
        if (i != at) rest.push_back(args[i]);

    po::variables_map vm;
    try {
        // No guessing of abbreviated options: scripts must not change meaning
        // when a new option is added.
        auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(rest).options(all).positional(pos).style(style).run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        std::vector<std::string> names;
        for (const auto& o : all.options())
            if (o->long_name() != "args") names.push_back("--" + o->long_name());
        std::string hint = nearest(e.get_option_name(), names);
        throw UsageError("unknown option '" + e.get_option_name() + "' for 'kith " + name + "'" +
                         (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }

    if (vm["help"].as<bool>()) {
        print_command_help(*cmd, env.out);
        return k_exit_ok;
    }
    if (cmd->max_args >= 0 && vm.count("args") &&
        vm["args"].as<std::vector<std::string>>().size() > static_cast<std::size_t>(cmd->max_args))
        throw UsageError("too many arguments for 'kith " + name + "'");

    RenderOptions render;
    if (vm.count("format")) {
        auto f = parse_format(vm["format"].as<std::string>());
        if (!f) throw UsageError("unknown format '" + vm["format"].as<std::string>() + "' (use table, json or csv)");
        render.format = *f;
    }
    render.color = render.format == Format::Table && use_color(env);
    set_csv_raw(env.out, vm["csv-raw"].as<bool>());
    const std::optional<Date> given_today = explicit_today(vm, env);
    Date today = given_today.value_or(local_today());
    if (vm.count("at") && cmd->needs != Needs::Vault)
        throw UsageError("--at only works with commands that read the vault; 'kith " + name + "' " +
                         (cmd->needs == Needs::Write ? "writes to it" : "does not read it"));

    Context ctx{env.out, env.err, vm, today, render, {}, nullptr, nullptr, env.getenv, env.cwd, nullptr};
    std::optional<Revision> revision;
    std::optional<VaultIndex> index;
    std::optional<VaultWriter> writer;
    bool default_config = false; // sync with a broken config
    if (cmd->needs != Needs::Nothing) {
        std::optional<std::string> explicit_dir;
        if (vm.count("vault")) explicit_dir = vm["vault"].as<std::string>();
        auto root = find_vault(explicit_dir, env.getenv("KITH_VAULT"), env.cwd);
        if (!root)
            throw Failure("no vault here: no folder with .kith/ or contacts/ at or above " + env.cwd.string() +
                          "\n(pass --vault DIR, set $KITH_VAULT, or run 'kith init')");
        std::error_code ec;
        if (!std::filesystem::is_directory(*root, ec)) throw Failure("the vault is not a folder: " + root->string());
        ctx.vault = *root;
        // Writers lock before reading, so that what they read is what they change.
        if (cmd->needs == Needs::Write) {
            writer.emplace(*root);
            ctx.writer = &*writer;
        }
        FsSource source(*root);
        FsCacheStore cache(*root);
        const bool no_cache = vm["no-cache"].as<bool>() || (env.getenv("KITH_NO_CACHE") && *env.getenv("KITH_NO_CACHE"));
        try {
            if (vm.count("at")) {
                // The vault as it was at a commit; the day is that commit's
                // (or the date given) unless --today or $KITH_TODAY says otherwise.
                Repo repo = vault_repo(*root);
                revision.emplace(resolve_at(repo, "--at", vm["at"].as<std::string>()));
                if (!given_today) ctx.today = today = revision->day;
                ctx.at = &*revision;
                if (render.format == Format::Table) env.err << describe_revision(*revision) << '\n';
                index.emplace(load_at(repo, *root, *revision, today, thread_count(vm, env)));
            } else {
                index.emplace(load_vault(source, today, LoadOptions{thread_count(vm, env), no_cache ? nullptr : &cache}));
            }
        } catch (const ConfigError& e) {
            if (std::string(cmd->name) == "sync" && !revision) {
                for (Diagnostic d : e.diagnostics) {
                    d.level = Level::Warning;
                    d.message += "; sync continues with the default settings";
                    env.err << format_diagnostic(d) << '\n';
                }
                DefaultConfigSource defaults(source);
                default_config = true;
                index.emplace(load_vault(defaults, today, LoadOptions{thread_count(vm, env), nullptr}));
            } else {
                for (const Diagnostic& d : e.diagnostics) env.err << format_diagnostic(d) << '\n';
            }
        }
        if (!index) {
            if (revision)
                throw Failure("the config at " + revision->text + " (" + revision->commit.substr(0, 7) + ") cannot be used");
            throw Failure("the config cannot be used; fix " + std::string(k_config_path) +
                          " (if 'kith sync' brought it in, 'kith sync' still runs and can bring in the fix)");
        }
        ctx.index = &*index;
        ctx.render.threads = index->threads();
        // `check` prints every problem itself; the others name the files they
        // skipped (not under default settings: their tiers would be unknown).
        if (std::string(cmd->name) != "check" && !default_config) {
            for (const Diagnostic& d : index->diagnostics())
                if (d.level == Level::Error) env.err << format_diagnostic(d) << '\n';
            if (vm["strict"].as<bool>() && index->has_errors())
                throw Failure("the vault has errors and --strict is set (see 'kith check')");
        }
    }
    const int status = cmd->run(ctx);
    if (env.exit_after_run && index) {
        // Still reachable from here, so leak checkers stay quiet; the kernel
        // takes the memory back at exit far faster than free() would.
        static std::optional<VaultIndex> kept;
        kept.emplace(std::move(*index));
        index.reset();
        (void)kept;
    }
    return status;
}

} // namespace

std::vector<std::string> Context::args() const {
    if (!vm.count("args")) return {};
    return vm["args"].as<std::vector<std::string>>();
}

namespace {

int run_filtered(const std::vector<std::string>& args, Environment& env) {
    const Command* cmd = nullptr;
    try {
        return dispatch(args, env, cmd);
    } catch (const UsageError& e) {
        env.err << "kith: " << e.what() << '\n';
        if (cmd) env.err << "usage: kith " << cmd->name << (*cmd->usage ? " " : "") << cmd->usage << '\n';
        return k_exit_usage;
    } catch (const Failure& e) {
        env.err << "kith: error: " << e.what() << '\n';
        return k_exit_failure;
    } catch (const WriteError& e) {
        env.err << "kith: error: " << e.what() << '\n';
        return k_exit_failure;
    } catch (const GitError& e) {
        env.err << "kith: error: " << e.what() << '\n';
        return k_exit_failure;
    } catch (const std::exception& e) {
        env.err << "kith: error: " << e.what() << '\n';
        return k_exit_failure;
    }
}

} // namespace

int run(const std::vector<std::string>& args, Environment& env) {
    // Every byte of every command reaches stdout and stderr through one
    // filter that shows control characters instead of sending them (see
    // kith/render/terminal.hpp and docs/security.md): names, file names
    // from a remote and messages quoting them can hold escape sequences.
    VisibleBuf out_buf(env.out.rdbuf()), err_buf(env.err.rdbuf());
    std::ostream out(&out_buf), err(&err_buf);
    err << std::unitbuf; // stderr stays unbuffered
    Environment filtered{out, err, env.out_is_tty, env.getenv, env.cwd, env.exit_after_run};
    const int status = run_filtered(args, filtered);
    out_buf.finish();
    err_buf.finish();
    return status;
}

namespace {

[[noreturn]] void ambiguous(const VaultIndex& index, const std::string& who, const std::vector<std::size_t>& found) {
    std::string list;
    for (std::size_t k : found) {
        const Contact& c = *index.contacts()[k].contact;
        list += "\n  " + c.id + (c.name.value.empty() ? "" : " (" + printable(c.name.value) + ")");
    }
    throw Failure("'" + printable(who) + "' names several contacts; use an id:" + list);
}

/// Whether `q` starts `s` or one of its words (after a space or `-`).
bool prefix_of_word(std::string_view s, std::string_view q) {
    for (std::size_t i = 0; i + q.size() <= s.size(); ++i) {
        if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '-') continue;
        if (s.compare(i, q.size(), q) == 0) return true;
    }
    return false;
}

/// What a person typed for WHO, when it is no id, name or alias as written:
/// folded (case and accents), the one contact whose id, name or alias it is,
/// else the one whose name, id or alias has a word it starts. Several: listed.
std::optional<std::size_t> fuzzy_contact(const VaultIndex& index, const std::string& who) {
    const std::string q = fold_for_match(trim(who));
    if (q.empty()) return std::nullopt;
    std::vector<std::size_t> exact, prefix;
    const auto& records = index.contacts();
    for (std::size_t k = 0; k < records.size(); ++k) {
        const Contact& c = *records[k].contact;
        bool is_exact = false, is_prefix = false;
        auto consider = [&](std::string_view text) {
            const std::string f = fold_for_match(text);
            if (f == q) is_exact = true;
            else if (prefix_of_word(f, q)) is_prefix = true;
        };
        consider(c.id);
        consider(c.name.value);
        for (const std::string& a : c.aliases) consider(a);
        if (is_exact) exact.push_back(k);
        else if (is_prefix) prefix.push_back(k);
    }
    for (const auto* found : {&exact, &prefix}) {
        if (found->size() == 1) return found->front();
        if (found->size() > 1) ambiguous(index, who, *found);
    }
    return std::nullopt;
}

} // namespace

const ContactRecord& find_contact(const VaultIndex& index, const std::string& who) {
    Resolution r = index.resolve(who);
    if (r.contact) return index.contacts()[*r.contact];
    if (!r.candidates.empty()) ambiguous(index, who, r.candidates);
    if (auto k = fuzzy_contact(index, who)) return index.contacts()[*k];
    std::string msg = "no contact '" + who + "'";
    auto hints = index.suggestions(who);
    if (!hints.empty()) {
        msg += "; did you mean ";
        for (std::size_t i = 0; i < hints.size(); ++i)
            msg += (i ? (i + 1 == hints.size() ? " or " : ", ") : "") + ("'" + hints[i] + "'");
        msg += "?";
    }
    throw Failure(msg);
}

std::string checked_tier(const VaultIndex& index, const std::string& tier) {
    if (!index.config().tiers.count(tier))
        throw UsageError("unknown tier '" + tier + "' (tiers: " + index.config().tier_list() + ")");
    return tier;
}

std::int32_t parse_duration_option(const std::string& option, const std::string& text) {
    auto d = Duration::parse(text);
    if (!d) throw UsageError(option + " is not a duration: \"" + text + "\" (expected e.g. 14d, 2w, 3m, 1y)");
    return d->days;
}

Date parse_since(const std::string& text, Date today) {
    if (auto d = Date::parse(text)) return *d;
    if (auto d = Duration::parse(text)) return today - d->days;
    throw UsageError("--since is not a date or a duration: \"" + text + "\" (expected YYYY-MM-DD or e.g. 90d)");
}

} // namespace kith::cli
