"""Drives Duo's official python client (Debian's python3-duo-client 4.5.0) against the emulator.

Reads one JSON object from argv[1] (port, keys, names) and prints one JSON object of results.
The clients are used exactly as shipped: plain HTTP via ca_certs='HTTP', the emulator's port, and
the client's default signing (v2, HMAC-SHA1).
"""
import json
import sys

import duo_client


def main():
    cfg = json.loads(sys.argv[1])
    common = {"host": "127.0.0.1", "ca_certs": "HTTP", "port": cfg["port"]}
    out = {"version": duo_client.__version__}

    admin = duo_client.Admin(ikey=cfg["admin"]["ikey"], skey=cfg["admin"]["skey"], **common)
    admin.paging_limit = 5
    users = admin.get_users()
    out["users"] = [u["username"] for u in users]
    out["users_page"] = [u["username"] for u in admin.get_users(limit=5, offset=5)]

    created = admin.add_user(username="py.client.user", realname="Python Client", email="py@example.com")
    out["created_user"] = {k: created[k] for k in ("user_id", "username", "realname", "email", "status")}
    phone = admin.add_phone(number="+15555550199", type="mobile", platform="google android", name="py phone")
    out["phone"] = {k: phone[k] for k in ("phone_id", "number", "type", "platform", "name")}
    admin.add_user_phone(created["user_id"], phone["phone_id"])
    out["user_phone_ids"] = [p["phone_id"] for p in admin.get_user_phones(created["user_id"])]
    out["enrollment_code"] = admin.enroll_user("py.enrollee", "py.enrollee@example.com")
    out["sms_activation"] = admin.send_sms_activation_to_phone(phone["phone_id"], install=1, activation_msg="Tap <acturl>")
    codes = admin.add_user_bypass_codes(created["user_id"], count=3, remaining_uses=1)
    out["bypass_codes"] = codes
    out["settings_name"] = admin.get_settings()["name"]
    try:
        admin.get_user_by_id("DUNOSUCHUSER00000000")
        out["missing_user_error"] = None
    except RuntimeError as err:
        out["missing_user_error"] = str(err)

    accounts = duo_client.Accounts(ikey=cfg["accounts"]["ikey"], skey=cfg["accounts"]["skey"], **common)
    out["child_accounts"] = accounts.get_child_accounts()
    child = duo_client.admin.AccountAdmin(
        cfg["child_account_id"], ikey=cfg["accounts"]["ikey"], skey=cfg["accounts"]["skey"], **common
    )
    out["child_user_count"] = len(child.get_users())

    auth = duo_client.Auth(ikey=cfg["auth"]["ikey"], skey=cfg["auth"]["skey"], **common)
    out["ping"] = auth.ping()
    out["check"] = auth.check()
    pre = auth.preauth(username=cfg["push_username"])
    out["preauth"] = {"result": pre["result"], "devices": pre.get("devices", [])}
    started = auth.auth("push", username=cfg["push_username"], device="auto", async_txn=True)
    out["txid"] = started["txid"]
    out["auth_status"] = auth.auth_status(started["txid"])
    out["sync_auth"] = auth.auth("auto", username=cfg["push_username"])
    out["created_preauth"] = auth.preauth(username="py.client.user")["result"]
    out["bypass_auth"] = auth.auth("passcode", username="py.client.user", passcode=codes[0])
    out["bypass_reuse"] = auth.auth("passcode", username="py.client.user", passcode=codes[0])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
