#include "kith/interchange/ics.hpp"

#include "kith/interchange/vcard.hpp"
#include "kith/parse/text.hpp"
#include "kith/render/terminal.hpp"
#include "kith/report/reports.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <tuple>

namespace kith::ics {
namespace {

constexpr std::int32_t k_default_within_days = 365;

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

/// The contact's lasting key: its `uid:` (kept across renames), else its id.
std::string contact_key(const Contact& c) {
    std::string key = vcard::contact_uid(c).value_or(c.id);
    if (key.rfind("urn:uuid:", 0) == 0) key.erase(0, 9);
    return key;
}

/// A follow-up's text without its dates and 📅, blanks squeezed: the part
/// that identifies it while its due date moves.
std::string without_dates(std::string_view text) {
    static constexpr std::string_view calendar = "\xF0\x9F\x93\x85"; // 📅
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.substr(i, calendar.size()) == calendar) {
            i += calendar.size();
            continue;
        }
        if (looks_like_iso_date(text.substr(i)) && (i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1])))) {
            i += 10;
            continue;
        }
        const char c = text[i++];
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return std::string(trim(out));
}

/// A follow-up's text as a person would write it in a calendar: wiki links
/// as the names they show (`[[alice|Alice]]` -> Alice, `[[alice-chen]]` -> the
/// contact's name), and without Obsidian Tasks' signifiers (dates after 📅 ⏳
/// 🛫 ➕ ✅ ❌, the 🔁 rule, priorities, 🆔 and ⛔ ids, a `^block` id).
std::string plain_text(std::string_view text, const VaultIndex& index) {
    static constexpr std::array<std::string_view, 6> dated{"\xF0\x9F\x93\x85", "\xE2\x8F\xB3", "\xF0\x9F\x9B\xAB",
                                                           "\xE2\x9E\x95", "\xE2\x9C\x85", "\xE2\x9D\x8C"};
    static constexpr std::array<std::string_view, 5> priority{"\xF0\x9F\x94\xBA", "\xE2\x8F\xAB", "\xF0\x9F\x94\xBC",
                                                              "\xF0\x9F\x94\xBD", "\xE2\x8F\xAC"};
    static constexpr std::string_view recur = "\xF0\x9F\x94\x81", id = "\xF0\x9F\x86\x94", blocked = "\xE2\x9B\x94";
    auto word_end = [&](std::size_t i) {
        while (i < text.size() && text[i] == ' ') ++i;
        while (i < text.size() && text[i] != ' ') ++i;
        return i;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool skipped = false;
        for (std::string_view sign : dated)
            if (text.substr(i, sign.size()) == sign) {
                i += sign.size();
                std::size_t j = i;
                while (j < text.size() && text[j] == ' ') ++j;
                if (looks_like_iso_date(text.substr(j))) i = j + 10;
                skipped = true;
                break;
            }
        for (std::string_view sign : priority)
            if (!skipped && text.substr(i, sign.size()) == sign) {
                i += sign.size();
                skipped = true;
            }
        if (!skipped && text.substr(i, recur.size()) == recur) { // the rule: ASCII words up to the next sign
            i += recur.size();
            while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80 && text[i] != '^') ++i;
            skipped = true;
        }
        if (!skipped && (text.substr(i, id.size()) == id || text.substr(i, blocked.size()) == blocked)) {
            i = word_end(i + (text.substr(i, id.size()) == id ? id.size() : blocked.size()));
            skipped = true;
        }
        if (!skipped && text[i] == '^' && (i == 0 || text[i - 1] == ' ') && trim(text.substr(word_end(i))).empty()) {
            i = text.size();
            skipped = true;
        }
        if (!skipped && text.substr(i, 2) == "[[") {
            const std::size_t close = text.find("]]", i + 2);
            if (close != std::string_view::npos) {
                std::string_view inner = text.substr(i + 2, close - i - 2);
                std::string shown;
                if (std::size_t bar = inner.find('|'); bar != std::string_view::npos) {
                    shown = std::string(trim(inner.substr(bar + 1)));
                } else {
                    std::string_view target = inner.substr(0, inner.find_first_of("#^"));
                    if (std::size_t slash = target.rfind('/'); slash != std::string_view::npos) target.remove_prefix(slash + 1);
                    if (target.size() > 3 && target.substr(target.size() - 3) == ".md") target.remove_suffix(3);
                    target = trim(target);
                    Resolution r = index.resolve(target);
                    shown = r.contact ? index.contacts()[*r.contact].contact->name.value : std::string(target);
                }
                out += shown;
                i = close + 2;
                continue;
            }
        }
        if (skipped) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        const char c = text[i++];
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return std::string(trim(out));
}

icaltimetype ical_date(Date d) {
    icaltimetype t = icaltime_null_date();
    t.year = d.year();
    t.month = d.month();
    t.day = d.day();
    t.is_date = 1;
    return t;
}

} // namespace

std::string digest(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xF];
    return out;
}

std::vector<Event> events(const VaultIndex& index, Date today, const Options& options) {
    const std::int32_t within = options.within.value_or(k_default_within_days);
    std::vector<Event> out;

    for (const ContactRecord& rec : index.contacts()) {
        const Contact& c = *rec.contact;
        if (c.archived || !c.birthday) continue;
        const Birthday& b = c.birthday->value;
        Event e;
        e.kind = "birthday";
        e.uid = "birthday-" + contact_key(c) + "@kith";
        e.summary = c.name.value + "'s birthday";
        e.description = b.year ? "born " + Date::from_ymd(*b.year, b.month, b.day)->iso()
                               : "birthday (year unknown)";
        // A birthday without a year starts in 2000, a leap year, so that
        // 29 February exists.
        e.date = *Date::from_ymd(b.year.value_or(2000), b.month, b.day);
        e.yearly = true;
        e.file = c.file;
        out.push_back(std::move(e));
    }

    // Follow-ups, keep-in-touch and thank-yous follow the rules of `kith remind`.
    const RemindReport report = remind(index, today, RemindOptions{within});
    std::map<std::pair<std::string, int>, std::size_t> followup_at; // a note's task links several people
    std::map<std::string, int> seen_keys;                             // identical follow-ups in one file
    std::map<std::pair<std::string, int>, int> thanks_at;               // an entry that names several people
    for (const RemindItem& item : report.items)
        if (item.kind == "thank") ++thanks_at[{item.origin.file, item.origin.line.value_or(0)}];
    for (const RemindItem& item : report.items) {
        const ContactRecord& rec = index.contacts()[*index.resolve(item.id).contact];
        Event e;
        e.kind = item.kind;
        e.date = item.date;
        e.file = item.origin.file;
        if (item.kind == "followup") {
            const auto where = std::make_pair(item.origin.file, item.origin.line.value_or(0));
            if (auto it = followup_at.find(where); it != followup_at.end()) {
                Event& prev = out[it->second];
                prev.summary.insert(prev.summary.find(':'), ", " + item.name);
                continue;
            }
            std::string key = item.origin.file + "\n" + without_dates(item.text);
            const int n = ++seen_keys[key];
            e.uid = "followup-" + digest(key) + (n > 1 ? "-" + std::to_string(n) : "") + "@kith";
            e.summary = "Follow up with " + item.name + ": " + plain_text(item.text, index);
            e.description = item.text + "\n(" + item.origin.file + ")";
            followup_at.emplace(where, out.size());
        } else if (item.kind == "keep-in-touch") {
            e.uid = "keep-in-touch-" + contact_key(*rec.contact) + "@kith";
            e.summary = "Get in touch with " + item.name;
            e.description = item.text;
        } else if (item.kind == "thank") {
            e.uid = "thank-" + digest(item.origin.file + "\n" + std::to_string(item.origin.line.value_or(0)) + "\n" +
                                      item.text) +
                    (thanks_at[{item.origin.file, item.origin.line.value_or(0)}] > 1 ? "-" + contact_key(*rec.contact) : "") +
                    "@kith";
            e.summary = "Thank " + item.name;
            e.description = item.text;
        } else {
            continue; // birthdays are above; welcome and review stay in `kith remind`
        }
        out.push_back(std::move(e));
    }
    // No two events share a UID (a calendar would show one): a UID met again
    // (two contacts with the same uid:) takes a number, in the report's order.
    std::map<std::string, int> uid_count;
    for (Event& e : out)
        if (const int n = ++uid_count[e.uid]; n > 1) e.uid.insert(e.uid.size() - 5, "-" + std::to_string(n));
    std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
        return std::tie(a.date, a.kind, a.uid) < std::tie(b.date, b.kind, b.uid);
    });
    return out;
}

std::string to_ical(const std::vector<Event>& events, Date today) {
    ComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//kith//kith reminders//EN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalproperty* name = icalproperty_new_x("kith");
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);

    icaltimetype stamp = icaltime_null_time();
    stamp.year = today.year();
    stamp.month = today.month();
    stamp.day = today.day();
    stamp = icaltime_set_timezone(&stamp, icaltimezone_get_utc_timezone());

    for (const Event& event : events) {
        // iCalendar text may not hold control characters (RFC 5545 3.3.11);
        // a name or note from a shared vault can.
        Event e = event;
        for (std::string* s : {&e.uid, &e.summary, &e.description, &e.kind}) *s = without_controls(*s);
        icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(e.date)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(e.date + 1)));
        if (e.yearly) {
            // 29 February: the last day of February, so 28 February in other years.
            const bool leap_day = e.date.month() == 2 && e.date.day() == 29;
            const std::string rule = leap_day ? "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" : "FREQ=YEARLY";
            icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.c_str())));
        }
        icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
        if (!e.description.empty())
            icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_categories(("kith," + e.kind).c_str()));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));

        icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
        icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
        icaltriggertype trigger{};
        trigger.time = icaltime_null_time();
        trigger.duration = icaldurationtype_from_string("PT9H"); // 09:00 on the day
        icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
        icalcomponent_add_property(alarm, icalproperty_new_description(e.summary.c_str()));
        icalcomponent_add_component(ev, alarm);

        icalcomponent_add_component(cal.get(), ev);
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    std::string out(text ? text : "");
    icalmemory_free_buffer(text);
    return out;
}

std::vector<std::string> validate(std::string_view text) {
    std::vector<std::string> problems;
    const std::string copy(text);
    ComponentPtr cal(icalparser_parse_string(copy.c_str()));
    if (!cal) return {"libical could not parse the calendar"};
    if (icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT) return {"the text is not one VCALENDAR"};
    // libical records what it could not read as X-LIC-ERROR properties, at
    // any depth.
    auto collect = [&](auto& self, icalcomponent* c) -> void {
        for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
             p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
            problems.emplace_back(icalproperty_get_xlicerror(p));
        for (icalcomponent* k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
             k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
            self(self, k);
    };
    collect(collect, cal.get());
    for (icalcomponent* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
        if (!icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY)) problems.emplace_back("an event has no UID");
        if (!icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY)) problems.emplace_back("an event has no DTSTAMP");
        if (!icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT)) problems.emplace_back("an event has no VALARM");
    }
    return problems;
}

} // namespace kith::ics
