// The libmilter adapter: callbacks that collect the envelope and the message, call the pure
// pipeline once at end-of-message, apply its decision and hand the events to the store.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include <mailkeeper/rules/rules.h>
#include <mailkeeper/storage/store.h>

#include "mailkeeper/milter/alerts.h"
#include "mailkeeper/milter/config.h"

struct smfiDesc;

namespace mailkeeper::milter {

// What the callbacks share. libmilter's callbacks carry no user pointer, so the process has one
// Runtime, installed before smfi_main and kept until it returns.
struct Runtime {
    std::atomic<std::shared_ptr<const Config>> config;
    std::atomic<std::shared_ptr<const AlertTemplates>> templates;
    // The DLP rules; null when dlp.enabled is false. Swapped whole by a reload.
    std::atomic<std::shared_ptr<const rules::RuleSet>> rules;
    storage::Store* store = nullptr;
    Notifier* notifier = nullptr;
};

void install_runtime(Runtime* runtime);
// After smfi_main returns: waits until the sessions still open have closed, at most `limit`.
bool wait_for_sessions(std::chrono::milliseconds limit);
int open_sessions();
// The filter description to pass to smfi_register.
smfiDesc* filter_description();

}  // namespace mailkeeper::milter
