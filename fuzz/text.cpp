// Fuzz target: the scanners for inline syntax (code spans, tags, wiki links,
// dates, due dates) and the value parsers (dates, durations, cadences,
// birthdays). Invariants: no crash or hang; masking keeps the length and every
// line break; a tag is lowercase, non-empty and found in the text; a link
// target is non-empty and normalising it again changes nothing; a parsed date
// prints back as the text it came from; a repeat rule prints back as itself
// and gives a later next date.

#include "fuzz_support.hpp"

#include "kith/model/date.hpp"
#include "kith/model/recurrence.hpp"
#include "kith/parse/markdown_guard.hpp"
#include "kith/parse/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);

    const std::string masked = mask_code_spans(text);
    fuzz::require(masked.size() == text.size(), "mask_code_spans keeps the length");
    for (std::size_t i = 0; i < text.size(); ++i)
        fuzz::require(masked[i] == text[i] || masked[i] == ' ', "mask_code_spans only blanks");

    const MaskedBody mb = mask_inline_syntax(text);
    fuzz::require(mb.text.size() == text.size(), "mask_inline_syntax keeps the length");
    for (std::size_t i = 0; i < text.size(); ++i)
        fuzz::require((text[i] == '\n' || text[i] == '\r') == (mb.text[i] == '\n' || mb.text[i] == '\r'),
                      "mask_inline_syntax keeps the line breaks");

    const std::string lower = ascii_lower(masked);
    for (const std::string& tag : scan_tags(masked)) {
        fuzz::require(!tag.empty() && tag == ascii_lower(tag), "tags are lowercase and non-empty");
        fuzz::require(lower.find("#" + tag) != std::string::npos, "a tag is in the text");
    }
    scan_links(masked, [](std::string target) {
        fuzz::require(!target.empty(), "link targets are non-empty");
        fuzz::require(normalise_link_target(target) == target || target.ends_with(".md"),
                      "normalising a target again changes nothing");
    });

    const DueScan due = scan_due_date(masked);
    fuzz::require(!(due.due && !due.bad.empty()), "a due date or a bad one, not both");
    if (starts_with_date_token(text)) fuzz::require(text.size() >= 10, "a date token has ten bytes");

    // Entry leads, dates kith does not read, and Tasks repeat rules: a rule
    // prints back as one that reads the same, and its next date is later.
    if (auto lead = entry_date_lead(text)) {
        fuzz::require(lead->date.size() == 10, "an entry's date has ten bytes");
        fuzz::require(lead->text.size() <= text.size(), "an entry's text is part of the item");
    }
    if (auto foreign = foreign_date_lead(text)) fuzz::require(text.starts_with(*foreign), "a foreign date leads");
    if (auto rule = recurrence_rule_in(text)) (void)parse_recurrence(*rule);
    if (auto r = parse_recurrence(text)) {
        fuzz::require(parse_recurrence(recurrence_text(*r)) == r, "a repeat rule prints back as itself");
        for (const Date from : {Date::from_days(0), *Date::from_ymd(2028, 1, 31), *Date::from_ymd(9998, 12, 31)})
            fuzz::require(next_due(*r, from) > from, "the next due date is later");
    }

    if (auto d = Date::parse(text)) fuzz::require(d->iso() == text, "a date prints back as its text");
    (void)Duration::parse(text);
    (void)Cadence::parse(text);
    (void)Birthday::parse(text);
    return 0;
}
