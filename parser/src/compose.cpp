#include "mailkeeper/parser/compose.h"

#include <gmime/gmime.h>

#include "gobject_ptr.h"

namespace mailkeeper::parser {

void ensure_gmime();  // message.cpp

std::string compose_plain_text(const PlainTextMail& mail) {
    ensure_gmime();
    auto message = detail::adopt(g_mime_message_new(TRUE));
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, mail.from_name.c_str(), mail.from_address.c_str());
    for (const auto& to : mail.to) g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr, to.c_str());
    g_mime_message_set_subject(message.get(), mail.subject.c_str(), "utf-8");
    GDateTime* date = g_date_time_new_from_unix_utc(mail.date);
    g_mime_message_set_date(message.get(), date);
    g_date_time_unref(date);
    if (!mail.message_id.empty()) g_mime_message_set_message_id(message.get(), mail.message_id.c_str());
    for (const auto& [name, value] : mail.headers)
        g_mime_object_set_header(GMIME_OBJECT(message.get()), name.c_str(), value.c_str(), nullptr);

    auto part = detail::adopt(g_mime_text_part_new_with_subtype("plain"));
    g_mime_text_part_set_charset(part.get(), "utf-8");
    g_mime_text_part_set_text(part.get(), mail.body.c_str());
    g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_BASE64);
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(part.get()));

    GMimeFormatOptions* options = g_mime_format_options_clone(g_mime_format_options_get_default());
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    char* text = g_mime_object_to_string(GMIME_OBJECT(message.get()), options);
    g_mime_format_options_free(options);
    std::string out = text ? text : "";
    g_free(text);
    return out;
}

}  // namespace mailkeeper::parser
