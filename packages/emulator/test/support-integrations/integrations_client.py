"""Drives every integration method of Debian's python3-duo-client 4.5.0 against the emulator.

Reads one JSON object from argv[1] (port, the parent's Admin and Accounts API keys, a group, a child
account and usernames) and prints one JSON object of results. The client is used as shipped: plain
HTTP via ca_certs='HTTP', default v2 HMAC-SHA1 signing. 4.5 has no get_secret_key (added in 5.x),
so the secret key is read with its generic json_api_call, as Duo's docs describe the endpoint.
"""
import json
import sys

import duo_client
import duo_client.admin


def main():
    cfg = json.loads(sys.argv[1])
    port = cfg["port"]

    def admin_client(ikey, skey):
        client = duo_client.Admin(ikey=ikey, skey=skey, host="127.0.0.1", ca_certs="HTTP", port=port)
        client.paging_limit = 2  # small pages, so the generator walks several
        return client

    def auth_client(ikey, skey):
        return duo_client.Auth(ikey=ikey, skey=skey, host="127.0.0.1", ca_certs="HTTP", port=port)

    def secret_of(client, ikey):
        return client.json_api_call("GET", "/admin/v1/integrations/%s/skey" % ikey, {})["secret_key"]

    def error(fn):
        try:
            fn()
            return None
        except RuntimeError as err:
            return str(err)

    def keys(integrations):
        return [i["integration_key"] for i in integrations]

    admin = admin_client(cfg["ikey"], cfg["skey"])
    out = {"called": []}

    def call(method, *args, **kwargs):
        out["called"].append(method)
        return getattr(admin, method)(*args, **kwargs)

    out["listed"] = keys(call("get_integrations"))
    out["listed_generator"] = keys(call("get_integrations_generator"))
    out["listed_page"] = keys(call("get_integrations", limit=1, offset=1))

    made = call(
        "create_integration",
        "py auth",
        "authapi",
        greeting="Welcome",
        notes="from python",
        enroll_policy="enroll",
        username_normalization_policy="simple",
        trusted_device_days=7,
        ip_whitelist=["192.0.2.0/24", "198.51.100.7"],
        groups_allowed=cfg["group_id"],
        self_service_allowed=True,
    )
    out["created"] = made
    ikey = made["integration_key"]
    out["got"] = call("get_integration", ikey)
    secret = secret_of(admin, ikey)
    out["secret_length"] = len(secret)
    out["masked_matches"] = made["secret_key"] != secret and made["secret_key"].endswith(secret[-4:])

    auth = auth_client(ikey, secret)
    out["auth_check"] = auth.check()
    out["auth_preauth"] = auth.preauth(username=cfg["child_username"])

    out["updated"] = call(
        "update_integration",
        ikey,
        name="py auth renamed",
        notes="changed",
        enroll_policy="deny",
        ip_whitelist="203.0.113.5",
        groups_allowed="",
        self_service_allowed=False,
    )
    out["unknown_preauth_after_deny"] = auth.preauth(username="nobody-knows-me")
    out["reset"] = call("update_integration", ikey, reset_secret_key=1)
    new_secret = secret_of(admin, ikey)
    out["secret_changed"] = new_secret != secret
    out["old_key_error"] = error(lambda: auth.check())
    auth = auth_client(ikey, new_secret)
    out["new_key_check"] = auth.check()

    reader_made = admin.create_integration("py reader", "adminapi", adminapi_read_resource=True)
    out["reader_made"] = reader_made
    reader = admin_client(reader_made["integration_key"], secret_of(admin, reader_made["integration_key"]))
    out["reader_users"] = len(reader.get_users(limit=2))
    out["reader_write_error"] = error(lambda: reader.add_user("py-reader-user"))
    out["reader_integrations_error"] = error(lambda: reader.get_integrations())

    out["self_reset_error"] = error(lambda: admin.update_integration(cfg["ikey"], reset_secret_key=1))
    out["self_delete_error"] = error(lambda: admin.delete_integration(cfg["ikey"]))
    out["bad_type_error"] = error(lambda: admin.create_integration("x", "no-such-type"))
    out["sso_on_v1_error"] = error(lambda: admin.create_integration("x", "sso-generic"))
    out["bad_group_error"] = error(lambda: admin.update_integration(ikey, groups_allowed="DGNOSUCHGROUP0000000"))
    out["bad_network_error"] = error(lambda: admin.update_integration(ikey, ip_whitelist="300.1.1.1"))
    out["missing_error"] = error(lambda: admin.get_integration("DINOSUCHINTEGRATION0"))

    out["deleted"] = call("delete_integration", ikey)
    out["after_delete_error"] = error(lambda: admin.get_integration(ikey))
    out["deleted_key_error"] = error(lambda: auth.check())
    out["deleted_again"] = admin.delete_integration(ikey)
    admin.delete_integration(reader_made["integration_key"])

    # The MSP way: the parent's Accounts API keys make an Auth API application in a child account.
    child = duo_client.admin.AccountAdmin(
        account_id=cfg["child_id"], ikey=cfg["accounts_ikey"], skey=cfg["accounts_skey"], host="127.0.0.1", ca_certs="HTTP", port=port
    )
    child_made = child.create_integration("Org Auth API", "authapi")
    child_auth = auth_client(child_made["integration_key"], secret_of(child, child_made["integration_key"]))
    out["child_integration"] = child_made["integration_key"]
    out["child_listed"] = keys(child.get_integrations())
    out["child_preauth_member"] = child_auth.preauth(username=cfg["child_username"])
    out["child_preauth_parent_user"] = child_auth.preauth(username=cfg["parent_username"])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
