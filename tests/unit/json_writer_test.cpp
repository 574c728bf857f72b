// The streamed JSON of the reports must be byte for byte what nlohmann's
// dump(2) of the same report's Json tree gives.

#include "support.hpp"

#include "kith/render/render.hpp"

#include <random>
#include <sstream>

using namespace kith;
using namespace kith::test;

namespace {

std::string streamed(const auto& report) {
    std::ostringstream out;
    write_json(report, out);
    return out.str();
}

std::string dumped(const Json& j) { return j.dump(2) + "\n"; }

} // namespace

TEST(JsonWriter, MatchesDumpOnNestedValues) {
    std::string text;
    JsonWriter w(text);
    w.begin_object()
        .field("s", "plain")
        .field("n", 42)
        .field("neg", -7L)
        .field("big", 12345678901ULL)
        .field("t", true)
        .field("f", false)
        .field("null", nullptr)
        .field("none", std::optional<int>())
        .field("some", std::optional<int>(3))
        .field("date", Date::from_days(20779))
        .field("list", std::vector<std::string>{"a", "b"})
        .field("empty_list", std::vector<std::string>{});
    w.key("obj").begin_object().end_object();
    w.key("arr").begin_array().begin_object().field("x", 1).end_object().value("y").end_array();
    w.end_object();

    const Json j = {{"s", "plain"},
                    {"n", 42},
                    {"neg", -7},
                    {"big", 12345678901ULL},
                    {"t", true},
                    {"f", false},
                    {"null", nullptr},
                    {"none", nullptr},
                    {"some", 3},
                    {"date", Date::from_days(20779).iso()},
                    {"list", {"a", "b"}},
                    {"empty_list", Json::array()},
                    {"obj", Json::object()},
                    {"arr", Json::array({Json{{"x", 1}}, "y"})}};
    EXPECT_EQ(text, j.dump(2));
}

TEST(JsonWriter, EscapesStringsAsDumpDoes) {
    std::vector<std::string> cases{"",
                                   "quote \" backslash \\ slash /",
                                   "\b\f\n\r\t",
                                   std::string("nul \0 and \x01 \x1f \x7f", sizeof("nul \0 and \x01 \x1f \x7f") - 1),
                                   "Zoë 日本 🎉 \xF0\x9F\x93\x85",
                                   "<script>&amp;"};
    for (const std::string& s : cases) {
        std::string text;
        JsonWriter(text).value(s);
        EXPECT_EQ(text, Json(s).dump()) << s;
    }
    // Bytes that are not UTF-8 become U+FFFD rather than failing the report.
    for (const std::string bad : {"\xff", "a\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf"}) {
        std::string text;
        JsonWriter(text).value(bad);
        EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos) << text;
        EXPECT_TRUE(Json::accept(text)) << text;
    }
}

TEST(JsonWriter, WritesDoublesAsDumpDoes) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> any(0.0, 50.0);
    std::vector<double> values{0.0, 1.0, 2.5, 1.0 / 3.0, 100.0, 1e-7, 123456789.125};
    for (int i = 0; i < 200; ++i) values.push_back(any(rng));
    for (double d : values) {
        std::string text;
        JsonWriter(text).value(d);
        EXPECT_EQ(text, Json(d).dump());
    }
}

TEST(JsonWriter, ReportsStreamAsTheirJsonTrees) {
    // Over the sample vault at several days, so that every kind of item,
    // null and empty list shows up.
    std::map<std::string, std::string> files;
    const auto root = source_dir() / "sample-vault";
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) files[std::filesystem::relative(e.path(), root).generic_string()] = read_text(e.path());
    const VaultIndex ix = index_of(files);
    for (const char* day : {"2026-11-22", "2026-01-01", "2027-06-30"}) {
        const Date today = *Date::parse(day);
        const auto r1 = remind(ix, today, {});
        if (std::string(day) == "2026-11-22") EXPECT_FALSE(r1.items.empty());
        EXPECT_EQ(streamed(r1), dumped(to_json(r1))) << day;
        const auto r2 = dormant(ix, today, {});
        if (std::string(day) == "2026-11-22") EXPECT_FALSE(r2.items.empty());
        EXPECT_EQ(streamed(r2), dumped(to_json(r2))) << day;
        const auto r3 = reciprocity(ix, today, {});
        if (std::string(day) == "2026-11-22") EXPECT_FALSE(r3.items.empty());
        EXPECT_EQ(streamed(r3), dumped(to_json(r3))) << day;
    }
    // Empty reports too.
    const RemindReport empty_remind{*Date::parse("2026-11-22"), *Date::parse("2026-12-06"), {}};
    EXPECT_EQ(streamed(empty_remind), dumped(to_json(empty_remind)));
}

TEST(JsonWriter, DeepNestingAndOddKeysMatchDump) {
    // Past 32 levels the indentation no longer comes from the static pad;
    // keys with quotes, controls or UTF-8 take the escaping path.
    std::string text;
    JsonWriter w(text);
    Json expected = Json::object();
    Json* at = &expected;
    w.begin_object();
    for (int depth = 0; depth < 40; ++depth) {
        const std::string key = depth % 3 == 0 ? "k\"" + std::to_string(depth) : depth % 3 == 1 ? "tab\t" : "é";
        w.key(key).begin_object().field("", "").field("n", depth);
        (*at)[key] = Json::object();
        at = &(*at)[key];
        (*at)[""] = "";
        (*at)["n"] = depth;
    }
    for (int depth = 0; depth < 40; ++depth) w.end_object();
    w.end_object();
    EXPECT_EQ(text + "\n", dumped(expected));
}

TEST(JsonWriter, DatesOutsideFourDigitYearsStillPrint) {
    // Dates a vault cannot write, but arithmetic can reach (a horizon far
    // ahead): printed as the long form, never truncated.
    for (const Date d : {Date::from_days(2932897), Date::from_days(-719529), Date::from_days(0)}) {
        std::string text;
        JsonWriter w(text);
        w.begin_array().value(d).end_array();
        EXPECT_EQ(text + "\n", dumped(Json::array({d.iso()}))) << d.iso();
    }
    EXPECT_EQ(Date::from_days(2932897).iso(), "10000-01-01");
    EXPECT_EQ(Date::from_days(0).iso(), "1970-01-01");
}

namespace {

/// Counts the writes that reach it, keeping what they wrote.
class CountingBuf : public std::stringbuf {
public:
    int writes = 0;

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        ++writes;
        return std::stringbuf::xsputn(s, n);
    }
};

} // namespace

TEST(JsonWriter, LargeReportsSpillInPiecesThatJoinToTheSameText) {
    // A report far larger than one spill: written in several pieces as the
    // items close, never gathered whole, and the pieces are the same text.
    RemindReport r{*Date::parse("2026-11-22"), *Date::parse("2026-12-06"), {}};
    for (int i = 0; i < 4000; ++i) {
        RemindItem item;
        item.kind = i % 2 ? "followup" : "thank";
        item.id = "person-" + std::to_string(i);
        item.name = "Person \"" + std::to_string(i) + "\" Zoë";
        item.date = *Date::parse("2026-11-22") + i % 30;
        item.text = std::string(static_cast<std::size_t>(i % 200), 'x');
        item.origin = {"contacts/person-" + std::to_string(i) + ".md", i % 3 ? std::optional<int>(i) : std::nullopt};
        r.items.push_back(std::move(item));
    }
    CountingBuf buf;
    std::ostream out(&buf);
    write_json(r, out);
    const std::string expected = dumped(to_json(r));
    ASSERT_GT(expected.size(), 3 * JsonWriter::k_spill);
    EXPECT_EQ(buf.str(), expected);
    EXPECT_GE(buf.writes, 3);
    EXPECT_LE(buf.writes, static_cast<int>(expected.size() / JsonWriter::k_spill) + 1);
}

TEST(JsonWriter, WithoutASinkEverythingStaysInTheString) {
    std::string text;
    JsonWriter w(text);
    w.begin_array();
    for (int i = 0; i < 20000; ++i) w.begin_object().field("n", i).field("s", std::string(20, 'y')).end_object();
    w.end_array();
    EXPECT_GT(text.size(), JsonWriter::k_spill);
    EXPECT_TRUE(Json::accept(text));
}

TEST(JsonWriter, ValuesWrittenInPartsAreTheSameText) {
    // Across rounds and parts, nested in an object, after values written one
    // by one, with and without a sink.
    for (std::size_t n : {0u, 1u, 2000u, 8192u, 20001u}) {
        auto write = [&](unsigned threads, std::ostream* sink) {
            std::string text;
            JsonWriter w(text, sink);
            w.begin_object().field("before", 1).key("items").begin_array().value("first");
            w.values_in_parts(n, threads, [](JsonWriter& part, std::size_t i) {
                part.begin_object().field("i", i).key("tags").begin_array().value("t").end_array().end_object();
                if (i % 3 == 0) part.value(nullptr);
            });
            w.value("last").end_array().field("after", 2).end_object();
            return text;
        };
        const std::string expected = write(1, nullptr);
        EXPECT_TRUE(Json::accept(expected));
        for (unsigned threads : {2u, 3u}) {
            EXPECT_EQ(write(threads, nullptr), expected) << n << " on " << threads;
            std::ostringstream sink;
            const std::string rest = write(threads, &sink);
            EXPECT_EQ(sink.str() + rest, expected) << n << " on " << threads;
        }
    }
}

TEST(JsonWriter, ReportsWrittenOnSeveralThreadsAreTheSameText) {
    ReciprocityReport r{*Date::parse("2026-11-22"), std::nullopt, {}, {3, 4, 5, 6, 7}};
    for (int i = 0; i < 30000; ++i) {
        ReciprocityItem item;
        item.id = "p" + std::to_string(i);
        item.name = "P " + std::to_string(i);
        item.gave = i % 4;
        item.flags = i % 5 ? std::vector<std::string>{} : std::vector<std::string>{"taking", "unthanked"};
        item.last_favour = i % 2 ? std::optional(*Date::parse("2026-01-01") + i % 300) : std::nullopt;
        item.origin = {"contacts/p" + std::to_string(i) + ".md", std::nullopt};
        r.items.push_back(std::move(item));
    }
    const std::string expected = dumped(to_json(r));
    for (unsigned threads : {1u, 2u, 4u}) {
        std::ostringstream out;
        write_json(r, out, threads);
        EXPECT_TRUE(out.str() == expected) << threads << " threads";
    }
}
