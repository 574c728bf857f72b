#pragma once
/// The contact filters of `kith list` (`--tier`, `--tag`, `--company`,
/// `--text`, `--all`), for other commands that pick contacts the same way
/// (`kith export vcard`).

#include "cli.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kith::cli {

/// Adds --tier, --tag, --company, --text and --all.
void add_contact_filter_options(po::options_description& o);

class ContactFilter {
public:
    /// Reads the options; UsageError for an unknown tier.
    explicit ContactFilter(const Context& ctx);
    bool matches(const ContactRecord& rec) const;

private:
    std::optional<std::string> m_tier, m_company, m_text;
    std::vector<std::string> m_tags;
    bool m_all = false;
};

} // namespace kith::cli
