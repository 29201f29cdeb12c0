#include "sqlite.h"

namespace mailkeeper::storage::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(rc, message);
}

}  // namespace

Statement& Statement::bind(int i, std::int64_t v) {
    if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc, "bind");
    return *this;
}

Statement& Statement::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(stmt_, i, v); rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc, "bind");
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK)
        fail(sqlite3_db_handle(stmt_), rc, "bind");
    return *this;
}

Statement& Statement::bind(int i, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(stmt_, i); rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(sqlite3_db_handle(stmt_), rc, sqlite3_sql(stmt_));
}

std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

Connection::Connection(const std::string& path, bool read_only, int busy_timeout_ms) {
    sqlite3* db = nullptr;
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    db_.reset(db);
    if (rc != SQLITE_OK) fail(db, rc, "cannot open " + path);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
}

Statement Connection::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
        if (rc != SQLITE_OK) fail(db_.get(), rc, "prepare: " + sql);
        it = cache_.emplace(sql, std::unique_ptr<sqlite3_stmt, StmtFinalize>(stmt)).first;
    }
    sqlite3_reset(it->second.get());
    sqlite3_clear_bindings(it->second.get());
    return Statement(it->second.get());
}

void Connection::reset_all() {
    for (auto& [sql, stmt] : cache_) sqlite3_reset(stmt.get());
}

void Connection::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc, message);
    }
}

}  // namespace mailkeeper::storage::sqlite
