"""Drives every log method of Duo's official python client (python3-duo-client 4.5.0) against the emulator.

Reads one JSON object from argv[1] (port, Admin API keys, the clock in ms, a user id) and prints one
JSON object of results. The client is used as shipped: plain HTTP via ca_certs='HTTP', v2 signing.
v1 logs are paged as Duo documents (mintime = newest row's timestamp + 1 while a page holds 1,000
rows); v2 logs by the cursor in metadata.next_offset; Trust Monitor by its offset.
"""
import json
import sys
import warnings

import duo_client

DAY_MS = 86400 * 1000


def page_v1(fetch, mintime):
    rows, sizes = [], []
    for _ in range(50):
        page = fetch(mintime=mintime)
        sizes.append(len(page))
        rows.extend(page)
        if len(page) < 1000:
            break
        mintime = max(r["timestamp"] for r in page) + 1
    return rows, sizes


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    now_ms = cfg["now_ms"]
    since_s = now_ms // 1000 - 3600
    out = {}

    rows, sizes = page_v1(admin.get_administrator_log, since_s)
    out["admin_rows"] = rows
    out["admin_sizes"] = sizes

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out["auth_v1"] = admin.get_authentication_log(mintime=now_ms // 1000 - 30 * 86400)
        out["auth_v1_warned"] = any(issubclass(w.category, DeprecationWarning) for w in caught)

    txids, pages, total = [], 0, None
    params = {"mintime": now_ms - 30 * DAY_MS, "maxtime": now_ms, "limit": "25", "sort": "ts:asc"}
    for _ in range(500):
        res = admin.get_authentication_log(api_version=2, **params)
        pages += 1
        txids.extend(a["txid"] for a in res["authlogs"])
        total = res["metadata"]["total_objects"]
        if not res["metadata"].get("next_offset"):
            break
        # python sends the two-element cursor back as a repeated parameter
        params["next_offset"] = res["metadata"]["next_offset"]
    out["auth_v2_txids"] = txids
    out["auth_v2_pages"] = pages
    out["auth_v2_total"] = total
    out["auth_v2_user"] = admin.get_authentication_log(
        api_version=2, mintime=now_ms - 30 * DAY_MS, maxtime=now_ms, users=[cfg["user_id"]], limit="1000"
    )["authlogs"]
    out["auth_v2_default_window"] = len(admin.get_authentication_log(api_version=2)["authlogs"])

    out["telephony_v1"] = admin.get_telephony_log(mintime=since_s)
    out["offline"] = admin.get_offline_log(mintime=since_s)

    activity, cursor = [], None
    for _ in range(50):
        kwargs = {"mintime": now_ms - DAY_MS, "maxtime": now_ms, "limit": 3, "sort": "ts:asc"}
        if cursor:
            kwargs["next_offset"] = cursor
        res = admin.get_activity_logs(**kwargs)
        activity.extend(res["items"])
        cursor = res["metadata"].get("next_offset")
        if not cursor:
            break
    out["activity"] = activity

    mintime, maxtime = now_ms - 60 * DAY_MS, now_ms
    first = admin.get_trust_monitor_events_by_offset(mintime, maxtime, limit=2)
    out["tm_first_page"] = first
    admin.paging_limit = 2
    out["tm_all"] = list(admin.get_trust_monitor_events_iterator(mintime, maxtime))
    out["tm_auth"] = list(admin.get_trust_monitor_events_iterator(mintime, maxtime, event_type="auth"))

    try:
        admin.get_authentication_log(api_version=2, mintime=now_ms - 181 * DAY_MS, maxtime=now_ms)
        out["old_window_error"] = None
    except RuntimeError as err:
        out["old_window_error"] = str(err)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
