#pragma once
/// Each command lives in its own cmd_<name>.cpp and exports its table row.

#include "cli.hpp"

namespace kith::cli {

extern const Command k_cmd_add;
extern const Command k_cmd_check;
extern const Command k_cmd_diff;
extern const Command k_cmd_done;
extern const Command k_cmd_dormant;
extern const Command k_cmd_edit;
extern const Command k_cmd_export;
extern const Command k_cmd_help;
extern const Command k_cmd_history;
extern const Command k_cmd_import;
extern const Command k_cmd_init;
extern const Command k_cmd_list;
extern const Command k_cmd_log;
extern const Command k_cmd_path;
extern const Command k_cmd_reciprocity;
extern const Command k_cmd_remind;
extern const Command k_cmd_review;
extern const Command k_cmd_set;
extern const Command k_cmd_show;
extern const Command k_cmd_stats;
extern const Command k_cmd_sync;
extern const Command k_cmd_todo;
extern const Command k_cmd_undo;
extern const Command k_cmd_unset;
extern const Command k_cmd_who;

} // namespace kith::cli
