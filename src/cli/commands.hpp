#pragma once
/// Each command lives in its own cmd_<name>.cpp and exports its table row.

#include "cli.hpp"

namespace kith::cli {

extern const Command k_cmd_check;
extern const Command k_cmd_dormant;
extern const Command k_cmd_help;
extern const Command k_cmd_list;
extern const Command k_cmd_reciprocity;
extern const Command k_cmd_remind;
extern const Command k_cmd_show;

} // namespace kith::cli
