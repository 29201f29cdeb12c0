// Thin RAII layer over the SQLite C API: a connection, its prepared statements (cached, so every
// statement is prepared once per connection), and errors as exceptions that never leave storage/:
// each Store operation catches them and returns a StoreError.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace mailkeeper::storage::sqlite {

struct SqliteError : std::runtime_error {
    int code;
    SqliteError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

struct StmtFinalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

// A prepared statement borrowed from the connection's cache, reset when it goes out of scope: a
// statement left on a row keeps its read transaction, and with it a stale WAL snapshot (and a
// writer unable to begin), open until it is reset.
class Statement {
public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
    Statement& operator=(Statement&&) = delete;
    ~Statement() {
        if (stmt_) sqlite3_reset(stmt_);
    }
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, std::nullptr_t);
    template <typename T>
    Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind(i, nullptr);
    }
    // Binds all arguments from index 1 on.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }
    bool step();  // true: a row is ready
    void run() {  // steps to the end
        while (step()) {
        }
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    std::string text(int col) const;
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::optional<std::int64_t> optional_integer(int col) const {
        return is_null(col) ? std::nullopt : std::optional(integer(col));
    }
    std::optional<std::string> optional_text(int col) const {
        return is_null(col) ? std::nullopt : std::optional(text(col));
    }

private:
    sqlite3_stmt* stmt_;
};

class Connection {
public:
    Connection(const std::string& path, bool read_only, int busy_timeout_ms);
    // A statement from the cache, reset and with its bindings cleared.
    Statement prepare(const std::string& sql);
    void exec(const std::string& sql);
    // Resets every cached statement (belt and braces before a transaction begins).
    void reset_all();
    bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }
    std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_.get()); }
    int changes() const { return sqlite3_changes(db_.get()); }
    sqlite3* handle() const { return db_.get(); }

private:
    std::unique_ptr<sqlite3, DbClose> db_;
    std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, StmtFinalize>> cache_;
};

}  // namespace mailkeeper::storage::sqlite
