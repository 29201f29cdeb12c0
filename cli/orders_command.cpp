#include "orders_command.h"

#include <mailkeeper/milter/pipeline.h>
#include <mailkeeper/storage/store.h>

#include <nlohmann/json.hpp>

#include "json_lines.h"

namespace mailkeeper::cli {

int run_orders_find(const OrdersFindOptions& o, std::ostream& out, std::ostream& err) {
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto found = (*store)->order_messages(o.number);
    if (!found) return err << found.error().message << '\n', 1;
    if (found->empty()) {
        err << "mailkeeper orders find: no message names " << o.number << " (compared as "
            << storage::normalise_order_number(o.number) << ")\n";
        return 1;
    }
    for (const auto& m : *found) {
        if (o.json) {
            nlohmann::json where = nlohmann::json::array();
            for (std::size_t start = 0; start <= m.where.size();) {
                const auto comma = m.where.find(',', start);
                const auto end = comma == std::string::npos ? m.where.size() : comma;
                if (end > start) where.push_back(m.where.substr(start, end - start));
                start = end + 1;
            }
            out << dump_json({{"number", m.number},
                              {"kind", m.kind},
                              {"where", where},
                              {"message_id", m.message_id},
                              {"date", m.date},
                              {"direction", m.direction},
                              {"sender", m.sender},
                              {"recipients", m.recipients},
                              {"subject", m.subject}})
                << '\n';
            continue;
        }
        std::string to;
        for (const auto& r : m.recipients) to += (to.empty() ? "" : ", ") + r;
        out << milter::format_local_time(m.date) << "  " << m.direction << "  " << (m.sender.empty() ? "-" : m.sender)
            << " -> " << (to.empty() ? "-" : to) << "  \"" << m.subject << "\"  (" << m.kind << " " << m.number << " in "
            << m.where << ")\n";
    }
    return 0;
}

}  // namespace mailkeeper::cli
