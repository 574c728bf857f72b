#include "commands.hpp"

namespace kith::cli {

const std::vector<Command>& commands() {
    // Sorted by name: `kith help` lists them in this order.
    static const std::vector<Command> table{
        k_cmd_check, k_cmd_dormant, k_cmd_help, k_cmd_list, k_cmd_reciprocity, k_cmd_remind, k_cmd_show,
    };
    return table;
}

} // namespace kith::cli
