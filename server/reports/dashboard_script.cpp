#include "server/reports/dashboard_script.hpp"

#include "server/security/tokens.hpp"

namespace yardstick::server::reports {
namespace {

// <main> names the stream (data-stream) and the data version it shows
// (data-version). When the stream says the report changed, the page fetches
// itself again and swaps its <main>: the same server-rendered HTML a reload
// would give, so a browser without JavaScript (or without EventSource) sees
// exactly what this keeps up to date. The status line says so to screen
// readers (aria-live on the data version).
constexpr std::string_view kScript = R"js('use strict';
(() => {
    const main = document.getElementById('main');
    const stream = main && main.dataset.stream;
    if (!stream || typeof EventSource !== 'function') {
        return;
    }
    const shown = () => Number(main.dataset.version);
    let latest = shown();
    let refreshing = false;
    const refresh = async () => {
        if (refreshing || latest <= shown()) {
            return;
        }
        refreshing = true;
        try {
            const response = await fetch(window.location.href, { credentials: 'same-origin' });
            if (response.ok) {
                const page = new DOMParser().parseFromString(await response.text(), 'text/html');
                const fresh = page.getElementById('main');
                if (fresh) {
                    main.replaceChildren(...fresh.childNodes);
                    main.dataset.version = fresh.dataset.version;
                }
            }
        } finally {
            refreshing = false;
        }
        // A newer version may have come while this one was fetched.
        refresh();
    };
    const source = new EventSource(stream);
    source.addEventListener('report', (event) => {
        latest = Math.max(latest, Number(event.lastEventId));
        refresh();
    });
})();
)js";

}  // namespace

std::string_view dashboard_script() {
    return kScript;
}

const std::string& dashboard_script_url() {
    static const std::string url =
        "/assets/dashboard.js?v=" + security::sha256_hex(std::string(kScript)).substr(0, 12);
    return url;
}

}  // namespace yardstick::server::reports
