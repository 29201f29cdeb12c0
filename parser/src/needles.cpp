#include "needles.h"

#include <hs.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <string>

namespace mailkeeper::parser::detail {
namespace {

// vectorscan needs scratch space per thread (the milter scans on many threads at once). One
// scratch per thread grows to fit every set that thread has used.
struct Scratch {
    hs_scratch_t* space = nullptr;
    std::vector<bool> sized;  // by set serial: the scratch already fits that set
    ~Scratch() { hs_free_scratch(space); }
};

std::atomic<std::size_t> next_serial{0};
thread_local Scratch tl_scratch;

}  // namespace

NeedleSet::NeedleSet(std::span<const std::string_view> needles) : size_(needles.size()) {
    std::vector<const char*> expressions;
    std::vector<std::size_t> lens;
    std::vector<unsigned> flags, ids;
    lengths_.reserve(needles.size());
    for (std::size_t i = 0; i < needles.size(); ++i) {
        lengths_.push_back(needles[i].size());
        if (needles[i].empty()) continue;
        expressions.push_back(needles[i].data());
        lens.push_back(needles[i].size());
        flags.push_back(HS_FLAG_CASELESS);
        ids.push_back(static_cast<unsigned>(i));
    }
    if (expressions.empty()) return;
    hs_compile_error_t* error = nullptr;
    hs_database_t* db = nullptr;
    if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                             &error) != HS_SUCCESS) {
        const std::string message = error && error->message ? error->message : "unknown error";
        hs_free_compile_error(error);
        throw std::logic_error("phrase table does not compile: " + message);
    }
    db_ = db;
    serial_ = next_serial++;
}

NeedleSet::~NeedleSet() { hs_free_database(db_); }

namespace {

hs_scratch_t* scratch_for(hs_database_t* db, std::size_t serial) {
    Scratch& s = tl_scratch;
    if (serial >= s.sized.size()) s.sized.resize(serial + 1, false);
    if (!s.sized[serial]) {
        if (hs_alloc_scratch(db, &s.space) != HS_SUCCESS) throw std::bad_alloc();
        s.sized[serial] = true;
    }
    return s.space;
}

struct Collect {
    const std::vector<std::size_t>* lengths;
    std::vector<NeedleHit>* out;
    std::size_t max_hits;
};

int on_hit(unsigned id, unsigned long long, unsigned long long to, unsigned, void* context) {
    auto* c = static_cast<Collect*>(context);
    const std::size_t end = static_cast<std::size_t>(to);
    c->out->push_back({id, end - (*c->lengths)[id], end});
    return c->out->size() >= c->max_hits ? 1 : 0;
}

struct First {
    const std::vector<std::size_t>* lengths;
    std::vector<std::size_t>* positions;
};

int on_first(unsigned id, unsigned long long, unsigned long long to, unsigned, void* context) {
    auto* c = static_cast<First*>(context);
    std::size_t& slot = (*c->positions)[id];
    // matches arrive in order of end offset; for one needle that is also the order of begin
    if (slot == std::string_view::npos) slot = static_cast<std::size_t>(to) - (*c->lengths)[id];
    return 0;
}

int on_any(unsigned, unsigned long long, unsigned long long, unsigned, void*) { return 1; }

void check(hs_error_t result) {
    // Only a misuse of the library (a scratch shared between threads) fails here.
    if (result != HS_SUCCESS && result != HS_SCAN_TERMINATED)
        throw std::logic_error("phrase scan failed with vectorscan error " + std::to_string(result));
}

// vectorscan reads at most 4 GiB per call; texts here are capped far below that by Limits.
unsigned length_of(std::string_view text) {
    return static_cast<unsigned>(std::min<std::size_t>(text.size(), std::numeric_limits<unsigned>::max()));
}

}  // namespace

std::vector<NeedleHit> NeedleSet::all(std::string_view text, std::size_t max_hits) const {
    std::vector<NeedleHit> out;
    if (!db_ || text.empty() || max_hits == 0) return out;
    Collect c{&lengths_, &out, max_hits};
    check(hs_scan(db_, text.data(), length_of(text), 0, scratch_for(db_, serial_), on_hit, &c));
    std::stable_sort(out.begin(), out.end(), [](const NeedleHit& a, const NeedleHit& b) { return a.begin < b.begin; });
    return out;
}

std::vector<std::size_t> NeedleSet::first_positions(std::string_view text) const {
    std::vector<std::size_t> out(size_, std::string_view::npos);
    if (!db_ || text.empty()) return out;
    First c{&lengths_, &out};
    check(hs_scan(db_, text.data(), length_of(text), 0, scratch_for(db_, serial_), on_first, &c));
    return out;
}

bool NeedleSet::any(std::string_view text) const {
    if (!db_ || text.empty()) return false;
    const hs_error_t result = hs_scan(db_, text.data(), length_of(text), 0, scratch_for(db_, serial_), on_any, nullptr);
    check(result);
    return result == HS_SCAN_TERMINATED;
}

bool NeedleHits::any_within(std::string_view part) const {
    if (part.empty() || hits_.empty()) return false;
    if (part.data() < text_.data() || part.data() + part.size() > text_.data() + text_.size())
        throw std::logic_error("NeedleHits::any_within: the part is not inside the scanned text");
    const std::size_t b = static_cast<std::size_t>(part.data() - text_.data());
    const std::size_t e = b + part.size();
    auto it = std::lower_bound(hits_.begin(), hits_.end(), b,
                               [](const NeedleHit& h, std::size_t at) { return h.begin < at; });
    for (; it != hits_.end() && it->begin < e; ++it)
        if (it->end <= e) return true;
    return false;
}

}  // namespace mailkeeper::parser::detail
