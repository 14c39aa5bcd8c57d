"""End to end through `mecigep serve`: a beneficiary uploads a case with a mistake, sees it
flagged, corrects it and submits; the Secretariat opens a round and assesses; two peers enter
input; the Secretariat records an agreed level and publishes; everyone reads the report, and
a beneficiary of another country gets 404 on every URL of the case and round.

Usage: python3 tests/service/round_flow.py .build/debug/mecigep"""
import json
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from mecigep_client import Client, add_users, free_port, read_case, start_server, stop  # noqa: E402

CASE = "examples/cases/br-participatory-budgeting.yaml"


def main(binary):
    started = time.time()
    data = tempfile.mkdtemp(prefix="mecigep-flow-")
    add_users(binary, data, [("sec", "secretariat", None), ("br", "beneficiary", "BR"), ("ar", "beneficiary", "AR"),
                             ("uy", "peer", "UY"), ("pe", "peer", "PE"), ("cl", "peer", "CL"), ("meth", "methodologist", None)])
    port = free_port()
    server = start_server(binary, data, port)
    try:
        run(port)
    finally:
        code = stop(server)
    assert code == 0, f"the server did not stop cleanly on SIGTERM (exit {code})"
    print(f"round flow: passed in {time.time() - started:.1f} s")


def run(port):
    br, sec, uy, pe, ar, cl, meth = (Client(port) for _ in range(7))
    for c, name in [(br, "br"), (sec, "sec"), (uy, "uy"), (pe, "pe"), (ar, "ar"), (cl, "cl"), (meth, "meth")]:
        c.login(name)

    good = read_case(CASE)
    # A mistake: a malformed date, flagged per field by the completeness check.
    bad = good.replace('planned_launch: "2027-01-01"', 'planned_launch: "first of January"', 1)
    if bad == good:
        bad = re.sub(r"planned_launch: .*", 'planned_launch: "first of January"', good, count=1)
    assert bad != good
    _, created = br.json("POST", "/api/cases", {"format": "yaml", "content": bad}, expect=201)
    case_id = created["case"]["id"]
    validation = json.loads(created["revisions"][0]["validation"])
    assert validation["valid"] is False, validation
    assert any("planned_launch" in m["path"] for m in validation["malformed"]), validation["malformed"]
    status, err = br.json("POST", f"/api/cases/{case_id}/submit", {})
    assert status == 409 and "malformed" in err["message"], (status, err)

    # Another State's case is refused at upload.
    status, _ = ar.json("POST", "/api/cases", {"format": "yaml", "content": good})
    assert status == 403, status

    _, revision = br.json("POST", f"/api/cases/{case_id}/revisions", {"format": "yaml", "content": good}, expect=201)
    assert revision["number"] == 2 and json.loads(revision["validation"])["valid"] is True
    _, submitted = br.json("POST", f"/api/cases/{case_id}/submit", {}, expect=200)
    assert submitted["status"] == "submitted" and submitted["submitted_revision"] == 2
    status, _ = br.json("POST", f"/api/cases/{case_id}/revisions", {"format": "yaml", "content": good})
    assert status == 409, "a submitted case takes no revisions"

    # Peers see nothing before the round opens.
    assert uy.json("GET", f"/api/cases/{case_id}")[0] == 404
    _, round_ = sec.json("POST", "/api/rounds", {"case": case_id, "framework": "mecigep-core", "language": "pt",
                                                 "peers": [{"country": "UY", "institution": "Intendencia de Montevideo"},
                                                           {"country": "PE"}]}, expect=201)
    rid = round_["id"]
    _, assessment = sec.json("POST", f"/api/rounds/{rid}/assessments", {}, expect=201)
    assert assessment["status"] == "done", assessment
    assert assessment["framework_id"] == "mecigep-core" and len(assessment["framework_sha256"]) == 64
    levels = json.loads(assessment["levels"])
    assert set(levels) >= {"long_term", "fiscal"}, levels
    assert all(isinstance(v, int) for v in levels.values()), f"every criterion has a level: {levels}"

    # Peers now see the case revision under review, not the drafts.
    assert uy.json("GET", f"/api/cases/{case_id}")[0] == 200
    assert uy.request("GET", f"/api/cases/{case_id}/revisions/2/file")[0] == 200
    assert uy.request("GET", f"/api/cases/{case_id}/revisions/1/file")[0] == 404
    # A peer's draft stays its own.
    levels_uy = {"long_term": 2, "evidence_based": 3, "co_designed": 4, "user_centred": 3, "behavioural": 1, "complexity": 3,
                 "fiscal": 2}
    status, err = uy.json("PUT", f"/api/rounds/{rid}/inputs/UY", {"levels": {"long_term": "high"}})
    assert status == 422 and "levels.long_term" in json.dumps(err), (status, err)
    uy.json("PUT", f"/api/rounds/{rid}/inputs/UY", {"levels": levels_uy, "comments": {"es": "Borrador"}}, expect=200)
    assert pe.json("GET", f"/api/rounds/{rid}/inputs/UY")[0] == 404, "another peer's draft is hidden"
    assert br.json("GET", f"/api/rounds/{rid}/inputs/UY")[0] == 404
    assert pe.json("PUT", f"/api/rounds/{rid}/inputs/UY", {"levels": levels_uy})[0] == 403
    uy.json("PUT", f"/api/rounds/{rid}/inputs/UY", {
        "levels": levels_uy, "comments": {"es": "Sólido en participación.", "en": "Strong on participation."},
        "recommendations": [{"text": {"en": "Estimate maintenance costs before the vote."}, "criterion": "fiscal",
                             "priority": "high", "horizon": "short"}],
        "submit": True}, expect=200)
    status, _ = sec.json("POST", f"/api/rounds/{rid}/publish")
    assert status == 409, "publishing waits for every peer"
    pe.json("PUT", f"/api/rounds/{rid}/inputs/PE", {"levels": dict(levels_uy, long_term=3), "submit": True}, expect=200)

    _, full = sec.json("GET", f"/api/rounds/{rid}/assessment", expect=200)
    indicator = full["result"]["criteria"][6]["indicators"][0]["id"]
    sec.json("PUT", f"/api/rounds/{rid}/agreed/{indicator}", {"level": 2, "justification": "Agreed at the meeting."}, expect=200)
    br.json("PUT", f"/api/rounds/{rid}/comments", {"text": "Agradecemos as recomendações."}, expect=200)
    assert br.json("GET", f"/api/rounds/{rid}/report")[0] == 404, "no report before publication"
    _, published = sec.json("POST", f"/api/rounds/{rid}/publish", expect=200)
    assert published["status"] == "published"

    status, headers, html = br.request("GET", f"/api/rounds/{rid}/report?format=html&lang=es")
    assert status == 200 and headers["content-type"].startswith("text/html"), status
    text = html.decode()
    assert "Intendencia de Montevideo" in text and "Agradecemos as recomendações." in text
    assert 'lang="es"' in text, "the report is in Spanish"
    status, _, md = pe.request("GET", f"/api/rounds/{rid}/report?format=md&lang=fr")
    assert status == 200 and md
    # The informational follow-up: only once the beneficiary asks for it.
    follow_up = {"date": "2027-11-30", "reported_by": "Prefeitura Municipal de Porto Alegre",
                 "statuses": [{"recommendation": "UY.r1", "status": "adopted", "date": "2027-04-15",
                               "note": {"pt": "Custos de manutenção estimados antes da votação.",
                                        "es": "Costos de mantenimiento estimados antes de la votación."}}]}
    status, _ = br.json("PUT", f"/api/rounds/{rid}/follow-up-report", follow_up)
    assert status == 409, f"no follow-up before it is asked for ({status})"
    br.json("POST", f"/api/rounds/{rid}/follow-up", {}, expect=200)
    status, err = br.json("PUT", f"/api/rounds/{rid}/follow-up-report", dict(follow_up, statuses=[{"status": "done"}]))
    assert status == 422 and "statuses[1]" in err["message"], (status, err)
    br.json("PUT", f"/api/rounds/{rid}/follow-up-report", follow_up, expect=200)
    status, _, fu = pe.request("GET", f"/api/rounds/{rid}/report?format=html&lang=es&follow_up=1")
    assert status == 200 and "Costos de mantenimiento estimados" in fu.decode(), status
    # After publication, the beneficiary reads the peers' submitted input.
    assert br.json("GET", f"/api/rounds/{rid}/inputs/UY")[0] == 200

    # Another country's beneficiary, and a peer outside the round, see nothing: 404 everywhere.
    for url in [f"/api/cases/{case_id}", f"/api/cases/{case_id}/revisions", f"/api/cases/{case_id}/revisions/2",
                f"/api/cases/{case_id}/revisions/2/file", f"/api/rounds/{rid}", f"/api/rounds/{rid}/assessment",
                f"/api/rounds/{rid}/inputs", f"/api/rounds/{rid}/report?format=html&lang=es"]:
        for outsider in (ar, cl):
            status = outsider.request("GET", url)[0]
            assert status == 404, f"{url}: {status} for an outsider"
    _, mine = ar.json("GET", "/api/cases", expect=200)
    assert mine["cases"] == []
    assert meth.json("GET", "/api/cases")[0] == 403

    _, audit = sec.json("GET", "/api/audit?limit=1000", expect=200)
    actions = {e["action"] for e in audit["entries"]}
    for needed in ["login", "case.upload", "case.revision", "case.submit", "round.open", "round.assess", "peer.draft",
                   "peer.submit", "round.agreed_level", "round.comment", "round.publish", "round.follow_up",
                   "round.follow_up_report"]:
        assert needed in actions, f"audit log lacks {needed}"
    status, headers, csv = sec.request("GET", "/api/audit.csv")
    assert status == 200 and csv.startswith(b"seq,at,user_id")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mecigep")
