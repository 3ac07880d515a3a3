#!/usr/bin/python3
"""The joint client's case against the real server (issue 13): a coordinator
opens a case, adds the people around the client, moves the case through its
stages and closes it; skips, moves out of closed and changes to a closed case
are 409; bad fields are 422 naming the field; a label with an identity code is
refused and never repeated back. A closed case's contact data is erased when the
service opens once participant_retention_days (here 0) have passed, without
waiting on the wall clock.

    /usr/bin/python3 case_desk_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import Server, parse_test_args  # noqa: E402

BINARY = None
CALENDARS = None
HETU = "131052-308T"  # the textbook example of a valid henkilötunnus

NEW_CASE = {"case_ref": "YA-2026-0042", "coordinator": "sosiaalityontekija-aalto", "identified_on": "2026-11-20",
            "trigger": "ed_frequent_visitor", "segment": 3,
            "team": ["sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"]}
MOTHER = {"kind": "close_one", "label": "Äiti", "email": "aiti@example.fi",
          "availability": [{"days": ["tue", "thu"], "from": "12:00", "to": "16:00"}],
          "unavailable": [{"from": "2026-12-10T00:00", "to": "2026-12-12T00:00"}]}


class CaseTest(unittest.TestCase):
    def assertRefused(self, resp, status, error, field=None, msg=""):
        self.assertEqual(resp.status, status, "%s: %r" % (msg, resp))
        body = resp.json()
        self.assertEqual(body.get("error"), error, "%s: %r" % (msg, resp))
        self.assertTrue(body.get("detail"), "%s: no detail: %r" % (msg, resp))
        self.assertEqual(body.get("field"), field, "%s: %r" % (msg, resp))
        self.assertNotIn(HETU, resp.body.decode("utf-8"), "%s: the identity code came back" % msg)

    def patch(self, server, path, body, token):
        return server.request("PATCH", path, body=body, token=token)


class CaseDesk(CaseTest):
    """One server; a coordinator's case from identification to closing."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, CALENDARS).start()
        try:
            cls.coordinator = cls.server.token("coordinator", "it-cases-coordinator")
            cls.manager = cls.server.token("manager", "it-cases-manager")
        except Exception:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_a_case_from_identification_to_closing(self):
        s, token = self.server, self.coordinator
        r = s.post("/api/v1/cases", NEW_CASE, token=token)
        self.assertEqual(r.status, 201, r)
        case = r.json()
        path = "/api/v1/cases/%d" % case["id"]
        self.assertEqual(r.header("Location"), path)
        self.assertEqual(case["stage"], "identified")
        self.assertEqual(case["team"], NEW_CASE["team"])
        self.assertRefused(s.post("/api/v1/cases", NEW_CASE, token=token), 409, "exists", "case_ref", "same ref")
        self.assertEqual(s.get("/api/v1/cases", token=self.manager).status, 403)

        # The people around the client.
        r = s.post(path + "/participants", MOTHER, token=token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["id"], "p1")
        self.assertEqual(r.header("Location"), path + "/participants/p1")
        self.assertEqual(r.json()["unavailable"], [{"from": "2026-12-10T00:00:00+02:00",
                                                    "to": "2026-12-12T00:00:00+02:00"}])
        r = s.post(path + "/participants", {"kind": "client", "label": "Asiakas"}, token=token)
        self.assertEqual(r.json()["id"], "p2", r)
        r = s.post(path + "/participants", {"kind": "client", "label": "Äiti " + HETU}, token=token)
        self.assertRefused(r, 422, "identity_code", "label", "identity code in a label")
        r = s.post(path + "/participants", {"kind": "neighbour", "label": "Naapuri"}, token=token)
        self.assertRefused(r, 422, "unknown_word", "kind", "unknown kind")
        r = s.post(path + "/participants", {"kind": "peer", "label": "Vertainen",
                                            "availability": [{"days": ["ma"], "from": "12:00", "to": "13:00"}]},
                   token=token)
        self.assertRefused(r, 422, "unknown_word", "availability[0].days[0]", "a Finnish day name")
        r = self.patch(s, path + "/participants/p1", {"label": "Isoäiti", "email": ""}, token)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json()["email"])
        self.assertEqual(s.request("DELETE", path + "/participants/p2", token=token).status, 200)
        self.assertRefused(s.request("DELETE", path + "/participants/p2", token=token), 404, "not_found", None, "gone")

        # Stages: one step at a time, audited; a skip is 409 naming the stage.
        for stage in ("consent_asked", "mapping"):
            r = self.patch(s, path, {"stage": stage}, token)
            self.assertEqual(r.status, 200, r)
        self.assertRefused(self.patch(s, path, {"stage": "plan_made"}, token), 409, "stage_move", "stage", "skip")
        self.assertRefused(self.patch(s, path, {"stage": "identified"}, token), 409, "stage_move", "stage", "back")
        self.assertRefused(self.patch(s, path, {"segment": 7}, token), 422, "invalid_value", "segment", "segment")
        self.assertRefused(self.patch(s, path, {"team": ["laakari-korhonen", "ei-ketaan"]}, token), 422,
                           "invalid_value", "team[1]", "unknown team member")
        r = self.patch(s, path, {"stage": "team_invited", "team": ["sosiaalityontekija-aalto", "laakari-korhonen"]},
                       token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["team"], ["sosiaalityontekija-aalto", "laakari-korhonen"])

        got = s.get(path, token=token).json()
        self.assertEqual([(m["from"], m["to"]) for m in got["history"]],
                         [("identified", "consent_asked"), ("consent_asked", "mapping"), ("mapping", "team_invited")])
        self.assertTrue(all(m["actor"] == "coordinator:it-cases-coordinator" for m in got["history"]), got)
        self.assertEqual([p["label"] for p in got["participants"]], ["Isoäiti"])
        self.assertEqual(got["meetings"], [])
        listed = s.get("/api/v1/cases?stage=team_invited&coordinator=sosiaalityontekija-aalto", token=token).json()
        self.assertEqual([c["case_ref"] for c in listed["cases"]], ["YA-2026-0042"])
        self.assertRefused(s.get("/api/v1/cases?stage=open", token=token), 422, "unknown_word", "stage", "filter")

        # Closed from any stage; then nothing moves and nobody is added, changed or removed.
        self.assertEqual(self.patch(s, path, {"stage": "closed"}, token).status, 200)
        self.assertRefused(self.patch(s, path, {"stage": "follow_up"}, token), 409, "stage_move", "stage", "reopen")
        self.assertRefused(s.post(path + "/participants", {"kind": "client", "label": "Asiakas"}, token=token), 409,
                           "case_closed", "case", "add to closed")
        self.assertRefused(self.patch(s, path + "/participants/p1", {"label": "Äiti"}, token), 409, "case_closed",
                           "case", "change in closed")
        self.assertRefused(s.request("DELETE", path + "/participants/p1", token=token), 409, "case_closed", "case",
                           "remove from closed")
        r = s.post("/api/v1/meetings", {"case_ref": "YA-2026-0042", "required": ["laakari-korhonen"]}, token=token)
        self.assertRefused(r, 409, "case_closed", "case_ref", "a meeting for a closed case")

    def test_refusals_name_the_field(self):
        s, token = self.server, self.coordinator
        for field, value, status, error in (
                ("coordinator", "ei-ketaan", 422, "invalid_value"),
                ("team", ["laakari-korhonen", "psykologi-makela", "ei-ketaan"], 422, "invalid_value"),
                ("trigger", "huoli", 422, "unknown_word"),
                ("identified_on", "2026-02-30", 422, "invalid_value"),
                ("case_ref", HETU, 422, "identity_code"),
                ("case_ref", "Matti Meikäläinen", 422, "invalid_value")):
            body = dict(NEW_CASE, case_ref="YA-2026-0100")
            body[field] = value
            where = "team[2]" if field == "team" else field
            self.assertRefused(s.post("/api/v1/cases", body, token=token), status, error, where, field)
        self.assertRefused(s.get("/api/v1/cases/987654", token=token), 404, "not_found", None, "no such case")


class ErasureAtOpen(CaseTest):
    """participant_retention_days = 0: the contact data of a closed case goes
    at the service's next opening (its housekeeping), audited pseudonymously."""

    def test_contact_data_of_a_closed_case_is_erased_when_the_service_opens(self):
        first = Server(BINARY, CALENDARS, extra_args=["--participant-retention-days", "0"]).start()
        try:
            token = first.token("coordinator", "it-erasure")
            admin = first.token("admin", "it-erasure-admin")
            r = first.post("/api/v1/cases", NEW_CASE, token=token)
            self.assertEqual(r.status, 201, r)
            path = "/api/v1/cases/%d" % r.json()["id"]
            self.assertEqual(first.post(path + "/participants", MOTHER, token=token).status, 201)
            self.assertEqual(self.patch(first, path, {"stage": "closed"}, token).status, 200)
            kept = first.get(path, token=token).json()["participants"][0]
            self.assertEqual(kept["email"], "aiti@example.fi")  # nothing erases it while the service runs on
            self.assertEqual(first.stop(), 0)

            second = Server(BINARY, CALENDARS, db=first.db, extra_args=["--participant-retention-days", "0"]).start()
            try:
                erased = second.get(path, token=token).json()["participants"][0]
                self.assertIsNone(erased["email"])
                self.assertEqual(erased["availability"], [])
                self.assertEqual(erased["unavailable"], [])
                self.assertEqual(erased["label"], "Äiti")
                audit = second.get("/api/v1/audit", token=admin)
                self.assertEqual(audit.status, 200, audit)
                entries = [e for e in audit.json()["entries"] if e["action"] == "erase_contacts"]
                self.assertEqual(len(entries), 1, audit.json())
                self.assertEqual(entries[0]["actor"], "housekeeping")
                text = audit.body.decode("utf-8")
                self.assertNotIn("aiti@example.fi", text)
                self.assertNotIn("Äiti", text)
            finally:
                second.cleanup()
        finally:
            first.cleanup()


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
