#pragma once
/// Text for a terminal (and for git's commit messages): the one place that
/// decides which characters kith never writes as they are.
///
/// A vault is shared, and a card or a synced note is written by somebody
/// else: a name holding ESC ] 52 ; (OSC 52) would write the clipboard, a
/// C1 CSI (U+009B) would start an escape sequence on terminals that honour
/// C1, and a bidi override (U+202E) would make text read differently from
/// what it holds. Such characters are shown instead of sent:
///
/// - C0 controls (U+0000 to U+001F, but new line, tab and CR LF, which are
///   layout where the text has lines), DEL (U+007F), C1 controls (U+0080 to U+009F)
///   and the bidi controls (U+061C, U+200E, U+200F, U+202A to U+202E,
///   U+2066 to U+2069) as `\uXXXX` (four lower-case hexadecimal digits);
/// - a byte that is not part of valid UTF-8 as `\xHH` (upper case, as the
///   names of files that are not UTF-8 are shown).
///
/// `\uXXXX` is also a JSON escape for the same character, so JSON that
/// passes through here stays valid JSON with the same values.

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace kith {

/// Whether new lines, tabs and CR LF pass (text with lines: a message, a
/// Markdown page, CSV) or are shown as escapes too (one cell of a table).
enum class Layout { Keep, Escape };

/// A code point kith never writes to a terminal as it is (see above). New
/// line and tab are in the set; Layout::Keep lets them through.
bool is_hidden_control(char32_t cp);

/// `s` with every control and invalid byte shown as an escape. Text that
/// needs none comes back unchanged (and is copied only once).
std::string visible(std::string_view s, Layout layout = Layout::Keep);

/// Appends visible(s, layout) to `out`.
void append_visible(std::string& out, std::string_view s, Layout layout = Layout::Keep);

/// `s` without the C0 controls (but new line and tab), DEL and the C1
/// controls: what vCard and iCalendar text may not hold (RFC 6350 3.3,
/// RFC 5545 3.3.11). Bidi controls are text there and stay.
std::string without_controls(std::string_view s);

/// A stream buffer that writes what it is given to `target` through
/// visible(), keeping new lines and tabs. A UTF-8 character split between
/// two writes is joined first; bytes left incomplete at finish() are shown
/// as `\xHH`. kith's own colours are written with write_style().
class VisibleBuf : public std::streambuf {
public:
    explicit VisibleBuf(std::streambuf* target) : m_target(target) {}
    VisibleBuf(const VisibleBuf&) = delete;
    VisibleBuf& operator=(const VisibleBuf&) = delete;
    ~VisibleBuf() override { finish(); }

    /// Writes `raw` to the target as it is, after what came before it.
    void write_raw(std::string_view raw);
    /// Writes everything still held (an incomplete character as escapes).
    void finish();

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    void drain(bool final);
    std::streambuf* m_target;
    std::string m_pending;
};

/// Writes an SGR sequence (`ESC [ style m`, style such as "1" or "31";
/// empty: "0", the reset) of kith's own: through a VisibleBuf unchanged,
/// elsewhere as it is.
void write_style(std::ostream& out, std::string_view style);

/// `text` between kith's SGR `style` and the reset, for `out << styled(...)`;
/// just `text` when `on` is false (no colours).
struct Styled {
    std::string_view style;
    std::string_view text;
    bool on = true;
};
inline Styled styled(std::string_view style, std::string_view text, bool on) { return {style, text, on}; }
std::ostream& operator<<(std::ostream& out, const Styled& s);

} // namespace kith
