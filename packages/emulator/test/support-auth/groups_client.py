"""Drives every group method of Duo's official python client (python3-duo-client 4.5.0) against the emulator.

Reads one JSON object from argv[1] (port, Admin API keys, a user id) and prints one JSON object of
results. The client is used as shipped: plain HTTP via ca_certs='HTTP', its default v2 signing.
"""
import json
import sys
import warnings

import duo_client


def ids(groups):
    return [g["group_id"] for g in groups]


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2  # small pages, so every iterator walks several
    out = {}

    out["groups"] = ids(admin.get_groups())
    out["groups_generator"] = ids(admin.get_groups_generator())
    out["groups_page"] = ids(admin.get_groups(limit=2, offset=1))

    made = admin.create_group("py group", desc="from python", status="active", push_enabled=True, sms_enabled=False)
    out["created"] = made
    gid = made["group_id"]
    out["modified"] = admin.modify_group(gid, desc="changed", status="bypass", voice_enabled=True)
    out["renamed"] = admin.modify_group(gid, name="py group renamed")

    user_id = cfg["user_id"]
    out["add_user_group"] = admin.add_user_group(user_id, gid)
    out["user_groups"] = ids(admin.get_user_groups(user_id))
    out["user_groups_iterator"] = ids(admin.get_user_groups_iterator(user_id))
    out["user_groups_page"] = ids(admin.get_user_groups(user_id, limit=1, offset=0))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out["group_v1"] = admin.get_group(gid)
        out["v1_warned"] = any(issubclass(w.category, DeprecationWarning) for w in caught)
    out["group_v2"] = admin.get_group(gid, api_version=2)

    members_group = cfg["members_group_id"]
    out["group_users"] = [u["user_id"] for u in admin.get_group_users(members_group)]
    out["group_users_iterator"] = [u["user_id"] for u in admin.get_group_users_iterator(members_group)]
    out["group_users_page"] = admin.get_group_users(members_group, limit=2, offset=1)

    out["delete_user_group"] = admin.delete_user_group(user_id, gid)
    out["user_groups_after_remove"] = ids(admin.get_user_groups(user_id))
    admin.add_user_group(user_id, gid)
    out["delete_group"] = admin.delete_group(gid)
    out["user_groups_after_delete"] = ids(admin.get_user_groups(user_id))
    try:
        admin.get_group(gid, api_version=2)
        out["missing_group_error"] = None
    except RuntimeError as err:
        out["missing_group_error"] = str(err)
    try:
        admin.add_user_group(user_id, "DGNOSUCHGROUP0000000")
        out["bad_group_error"] = None
    except RuntimeError as err:
        out["bad_group_error"] = str(err)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
