"""Drives every WebAuthn and desktop-token method of Debian's python3-duo-client 4.5.0 against the emulator.

Reads one JSON object from argv[1] (port, Admin API keys, a user id holding credentials) and prints
one JSON object of results. The client is used as shipped: plain HTTP, default v2 HMAC-SHA1 signing.
"""
import json
import sys

import duo_client


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2
    out = {"called": []}

    def call(method, *args, **kwargs):
        out["called"].append(method)
        return getattr(admin, method)(*args, **kwargs)

    out["webauthn"] = [w["webauthnkey"] for w in call("get_webauthncredentials")]
    out["webauthn_iter"] = [w["webauthnkey"] for w in call("get_webauthncredentials_iterator")]
    out["webauthn_page"] = [w["webauthnkey"] for w in call("get_webauthncredentials", limit=1, offset=1)]
    first = out["webauthn"][0]
    out["webauthn_one"] = call("get_webauthncredential_by_id", first)
    out["user_webauthn"] = [w["webauthnkey"] for w in call("get_user_webauthncredentials", cfg["user_id"])]
    out["user_webauthn_iter"] = [w["webauthnkey"] for w in call("get_user_webauthncredentials_iterator", cfg["user_id"])]
    out["user_webauthn_page"] = [w["webauthnkey"] for w in call("get_user_webauthncredentials", cfg["user_id"], limit=1)]
    out["deleted_webauthn"] = call("delete_webauthncredential", first)
    out["webauthn_after"] = [w["webauthnkey"] for w in admin.get_webauthncredentials()]

    made = call("add_desktoptoken", "windows", name="py token")
    out["desktoptoken"] = made
    out["desktoptokens"] = [t["desktoptoken_id"] for t in call("get_desktoptokens")]
    out["desktoptokens_gen"] = [t["desktoptoken_id"] for t in call("get_desktoptokens_generator")]
    out["desktoptokens_page"] = [t["desktoptoken_id"] for t in call("get_desktoptokens", limit=1, offset=0)]
    out["desktoptoken_one"] = call("get_desktoptoken_by_id", made["desktoptoken_id"])
    out["desktoptoken_updated"] = call("update_desktoptoken", made["desktoptoken_id"], platform="mac os x", name="renamed")
    out["activation"] = call("activate_desktoptoken", made["desktoptoken_id"], valid_secs=600)
    out["deleted_desktoptoken"] = call("delete_desktoptoken", made["desktoptoken_id"])
    out["desktoptokens_after"] = [t["desktoptoken_id"] for t in admin.get_desktoptokens()]
    try:
        admin.get_webauthncredential_by_id(first)
        out["missing_error"] = None
    except RuntimeError as err:
        out["missing_error"] = str(err)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
