// Amazon SES event notifications (JSON, usually inside an SNS envelope) delivered by mail: the
// machine-readable bounce, complaint and delivery reports of the SES sending service.
#pragma once

#include <optional>
#include <string_view>

#include "mailkeeper/parser/bounce.h"

namespace mailkeeper::parser::detail {

// The report in `body` when it is an SES notification; nullopt otherwise (including when the JSON
// is broken: the text path then reads what it can).
std::optional<BounceReport> read_ses_notification(std::string_view body, std::size_t max_recipients);

}  // namespace mailkeeper::parser::detail
