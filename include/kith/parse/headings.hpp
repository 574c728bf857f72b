#pragma once
/// The headings `kith log` and `kith todo` write under in a file that has
/// neither such a heading nor entries or tasks under another one: the config
/// keys `log_heading` and `todo_heading` (parse_config checks them).

#include <string>
#include <string_view>

namespace kith {

struct Headings {
    std::string log = "Log";
    std::string todo = "Follow-ups";
};

/// The headings the config text names; a missing or bad value (parse_config
/// reports it) leaves the default.
Headings parse_headings(std::string_view config_text);

} // namespace kith
