"""Drives Duo's official python client (python3-duo-client 4.5.0) against the emulator's endpoints,
registered devices, blocked devices, custom branding and custom messaging.

4.5 has methods only for endpoints (get_endpoints, get_endpoints_iterator, get_endpoint); the other
families came to the client later (registered devices in 5.x, blocks not yet released), so they are
driven through 4.5's own generic calls (json_api_call, json_paging_api_call), which sign and encode
exactly as its methods do: v2 signatures, form bodies, lists as repeated keys.

Reads one JSON object from argv[1] (port, Admin API keys, a user id, three device keys) and prints one
JSON object of results. Errors are recorded as the client's RuntimeError text.
"""
import json
import sys

import duo_client


def error_of(call):
    try:
        call()
        return None
    except RuntimeError as err:
        return str(err)


def keys(items, name):
    return [i[name] for i in items]


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2  # small pages, so every iterator walks several
    out = {}

    out["endpoints"] = keys(admin.get_endpoints(), "epkey")
    out["endpoints_iterator"] = keys(admin.get_endpoints_iterator(), "epkey")
    out["endpoints_page"] = keys(admin.get_endpoints(limit=2, offset=1), "epkey")
    out["endpoint"] = admin.get_endpoint(out["endpoints"][0])
    out["missing_endpoint_error"] = error_of(lambda: admin.get_endpoint("EPNOSUCHENDPOINT0000"))

    rd = "/admin/v1/registered_devices"
    blocked = rd + "/blocked"
    a, b, c = cfg["device_keys"]
    out["registered"] = keys(admin.json_paging_api_call("GET", rd, {}), "compkey")
    out["registered_page"] = keys(admin.json_api_call("GET", rd, {"limit": "2", "offset": "1"}), "compkey")
    out["registered_one"] = admin.json_api_call("GET", rd + "/" + a, {})
    out["blocked_before"] = keys(admin.json_paging_api_call("GET", blocked, {}), "compkey")
    out["block_one"] = admin.json_api_call("POST", blocked + "/" + a, {})
    out["block_many"] = admin.json_api_call("POST", blocked, {"registered_device_key_list": [b, c]})
    out["blocked_after"] = keys(admin.json_paging_api_call("GET", blocked, {}), "compkey")
    out["blocked_one"] = admin.json_api_call("GET", blocked + "/" + b, {})
    out["device_after_block"] = admin.json_api_call("GET", rd + "/" + b, {})
    out["unblock_many"] = admin.json_api_call("DELETE", blocked, {"registered_device_key_list": [b, c]})
    out["unblock_one"] = admin.json_api_call("DELETE", blocked + "/" + a, {})
    out["blocked_final"] = keys(admin.json_paging_api_call("GET", blocked, {}), "compkey")
    out["not_blocked_error"] = error_of(lambda: admin.json_api_call("GET", blocked + "/" + b, {}))
    out["block_unknown_error"] = error_of(lambda: admin.json_api_call("POST", blocked + "/CRNOSUCHDEVICE000000", {}))
    out["delete_device"] = admin.json_api_call("DELETE", rd + "/" + c, {})
    out["registered_after_delete"] = keys(admin.json_paging_api_call("GET", rd, {}), "compkey")

    out["branding"] = admin.json_api_call("GET", "/admin/v1/branding", {})
    out["branding_updated"] = admin.json_api_call("POST", "/admin/v1/branding", {"card_accent_color": "#AA0000", "powered_by_duo": "false"})
    out["draft_updated"] = admin.json_api_call(
        "POST", "/admin/v1/branding/draft", {"page_background_color": "#101010", "user_ids": cfg["user_id"]}
    )
    out["draft_user_added"] = admin.json_api_call("POST", "/admin/v1/branding/draft/users/" + cfg["other_user_id"], {})
    out["live_before_publish"] = admin.json_api_call("GET", "/admin/v1/branding", {})
    out["published"] = admin.json_api_call("POST", "/admin/v1/branding/draft/publish", {})
    out["draft_after_publish"] = admin.json_api_call("GET", "/admin/v1/branding/draft", {})
    out["bad_color_error"] = error_of(lambda: admin.json_api_call("POST", "/admin/v1/branding", {"card_accent_color": "blue"}))

    cm = "/admin/v1/branding/custom_messaging"
    out["messaging"] = admin.json_api_call("GET", cm, {})
    out["messaging_updated"] = admin.json_api_call(
        "POST", cm, {"help_links": ["https://help.example.com", "https://status.example.com"], "help_text": "Call 555-0100", "locale": "fr_FR"}
    )
    out["messaging_after"] = admin.json_api_call("GET", cm, {})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
