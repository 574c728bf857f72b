#include "kith/parse/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kith {

std::string fold_for_match(std::string_view s) {
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    u.foldCase(U_FOLD_CASE_DEFAULT);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_SUCCESS(status)) {
        icu::UnicodeString d = nfd->normalize(u, status);
        if (U_SUCCESS(status)) u = d;
    }
    icu::UnicodeString out;
    for (std::int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        switch (c) {
        case 0x00F8: out.append(u'o'); break;        // ø
        case 0x0142: out.append(u'l'); break;        // ł
        case 0x0111: out.append(u'd'); break;        // đ
        case 0x00F0: out.append(u'd'); break;        // ð
        case 0x0131: out.append(u'i'); break;        // ı
        case 0x00E6: out.append(u"ae", 2); break;    // æ
        case 0x0153: out.append(u"oe", 2); break;    // œ
        case 0x00FE: out.append(u"th", 2); break;    // þ
        case 0x2019: case 0x2018: out.append(u'\''); break; // typographic apostrophes
        default: out.append(c);
        }
    }
    std::string result;
    out.toUTF8String(result);
    return result;
}

} // namespace kith
