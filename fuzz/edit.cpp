// Fuzz target: the pure edits that read what they rewrite (include/kith/edit/
// edit.hpp): list keys (block lists, flow lists, comma tags, quoting), and
// `done` the Obsidian Tasks way (recurrence rules, signifier dates). The input
// is one note. Invariants: no crash or hang; a failure is an EditError; a
// value added to a list key is in the result and can be removed again.

#include "fuzz_support.hpp"

#include "kith/edit/edit.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    using namespace kith::edit;
    const std::string text(kith::fuzz::as_text(data, size));
    const Date today = *Date::from_ymd(2026, 11, 22);
    for (const char* key : {"tags", "email"}) {
        try {
            const std::string added = edit_list(text, key, ListOp::Add, {"zz-fuzz"}, false);
            kith::fuzz::require(added.find("zz-fuzz") != std::string::npos, "an added value is written");
            try {
                (void)edit_list(added, key, ListOp::Remove, {"zz-fuzz"}, false);
            } catch (const EditError&) {
                kith::fuzz::broken("an added value can be removed");
            }
        } catch (const EditError&) {
        }
        try {
            (void)edit_list(text, key, ListOp::Replace, {"a", "b, c"}, true);
            (void)unset_key(text, key);
        } catch (const EditError&) {
        }
    }
    int lines = 1;
    for (char c : text) lines += c == '\n';
    for (int line = 1; line <= lines && line <= 64; ++line) {
        try {
            (void)complete_task(text, line, today);
        } catch (const EditError&) {
        }
    }
    (void)next_recurrence(std::string_view(text).substr(0, 200), today, today);
    return 0;
}
