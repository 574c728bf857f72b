#include "commands.hpp"

namespace kith::cli {

extern const Command k_cmd_clone; // in cmd_clone.cpp

const std::vector<Command>& commands() {
    // Sorted by name: `kith help` lists them in this order.
    static const std::vector<Command> table{
        k_cmd_add,    k_cmd_check,   k_cmd_clone, k_cmd_diff,  k_cmd_done, k_cmd_dormant,     k_cmd_edit,   k_cmd_export,
        k_cmd_help,   k_cmd_history, k_cmd_import, k_cmd_init, k_cmd_list,       k_cmd_log,    k_cmd_path,
        k_cmd_reciprocity, k_cmd_remind, k_cmd_review, k_cmd_set, k_cmd_show,   k_cmd_stats,  k_cmd_sync,
        k_cmd_todo,   k_cmd_undo,    k_cmd_unset, k_cmd_who,
    };
    return table;
}

} // namespace kith::cli
