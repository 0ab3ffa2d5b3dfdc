"""affiche batch on a local Dask cluster: mixed inputs, error rows, Parquet schema, JSON Lines,
resume, partitioning, and the command line's refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_inputs import REFERENCE, expected_ids, make_inputs, many_records, write_jsonl

from affiche import pipeline
from affiche.batch import SCHEMA, Config, connect, run
from affiche.batch.sources import Unit, partitions
from affiche.cli import main, parse_reference
from affiche.errors import InputError


@pytest.fixture(scope="module")
def client():
    """One local cluster of two worker processes for the whole module (a start costs ~1 s)."""
    with connect(None, 2) as dask_client:
        yield dask_client


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """The mixed inputs, fresh for each test."""
    return make_inputs(tmp_path)


def _config(**changes) -> Config:
    """A quiet config with the tests' reference date."""
    config = Config(reference=parse_reference(REFERENCE, "Europe/Brussels"), progress=False)
    for name, value in changes.items():
        setattr(config, name, value)
    return config


def _all(inputs: dict[str, Path]) -> list[str]:
    """The inputs as command-line arguments."""
    return [str(inputs["folder"]), str(inputs["jsonl"]), str(inputs["warc"])]


def _rows(path: Path) -> list[dict]:
    """The rows of a Parquet output."""
    return pq.read_table(path).to_pylist()


def test_mixed_inputs_give_one_row_per_event_and_error_rows(client, inputs, tmp_path):
    out = tmp_path / "events.parquet"
    outcome = run(_all(inputs), out, _config(), client=client)
    assert not outcome.interrupted
    rows = _rows(out)
    assert {r["doc_id"] for r in rows} == expected_ids(inputs)
    assert outcome.counts.documents == len(expected_ids(inputs))
    assert outcome.counts.skipped_records == 1  # the PNG response of the WARC
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    folder = inputs["folder"]
    text = by_doc[str(folder / "rassemblement.txt")]
    assert [r["start"] for r in text] == ["2025-01-18T14:00:00+01:00"]
    assert text[0]["kind"] == "rally" and text[0]["place_locality"] == "Ixelles"
    assert text[0]["contacts"][0]["value"] == "collectif@exemple.org"
    assert text[0]["doc_kind"] == "text" and text[0]["sources"] == [text[0]["doc_id"]]
    page = by_doc[str(folder / "sub" / "betoging.html")]
    assert page[0]["doc_kind"] == "html" and page[0]["start"] == "2025-01-26T13:00:00+01:00"
    assert by_doc["rec-1"][0]["start"] == "2025-02-01T18:00:00+00:00"  # its own reference
    assert by_doc["rec-2"][0]["start"] == "2025-02-09T11:00:00+01:00"
    marche = by_doc["https://agenda.example.org/marche"][0]
    assert marche["start"] == "2025-03-15T14:00:00+01:00"
    assert marche["source"] == f"{inputs['warc']}@0"
    assert marche["doc_url"] == "https://agenda.example.org/marche"
    concert = by_doc["https://agenda.example.org/concert"][0]
    assert concert["kind"] == "concert" and concert["start_utc"].hour == 19
    errors = {r["doc_id"]: r["error"] for r in rows if r["error"]}
    assert set(errors) == {str(folder / "broken.txt"), f"{inputs['jsonl']}:3", "rec-bad"}
    assert "not a text file" in errors[str(folder / "broken.txt")]
    assert "not JSON" in errors[f"{inputs['jsonl']}:3"]
    assert "missing string field 'text'" in errors["rec-bad"]
    assert outcome.counts.errors == 3
    assert all(r["title"] is None for r in rows if r["error"])


def test_parquet_schema_is_fixed(client, inputs, tmp_path):
    out = tmp_path / "only-errors.parquet"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.bin").write_bytes(b"\x1f\x8b\x08\x00 gzip, not a call")
    run([str(bad)], out, _config(), client=client)
    schema = pq.read_schema(out)
    assert schema.equals(SCHEMA, check_metadata=False)
    assert schema.metadata[b"affiche.schema"] == b"1"
    full = tmp_path / "full.parquet"
    run(_all(inputs), full, _config(), client=client)
    assert pq.read_schema(full).equals(schema)
    warnings_type = str(schema.field("warnings").type)
    assert "code" in warnings_type and "candidates" in warnings_type


def test_jsonl_output_is_contract_2(client, inputs, tmp_path):
    out = tmp_path / "events.jsonl"
    run(_all(inputs), out, _config(fmt="jsonl"), client=client)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {str(line["id"]) for line in lines} == expected_ids(inputs)
    by_id = {line["id"]: line for line in lines}
    assert by_id["rec-2"]["events"][0]["start"] == "2025-02-09T11:00:00+01:00"
    assert by_id["rec-bad"]["events"] == [] and "text" in by_id["rec-bad"]["error"]
    assert all("error" not in line for line in lines if line["events"])


def test_resume_skips_documents_already_in_out(client, inputs, tmp_path):
    out = tmp_path / "events.parquet"
    first = run([str(inputs["folder"])], out, _config(), client=client)
    assert first.counts.documents == 3
    with pytest.raises(InputError, match="--resume"):
        run(_all(inputs), out, _config(), client=client)
    again = run(_all(inputs), out, _config(resume=True), client=client)
    assert again.counts.resumed == 3
    assert again.counts.documents == len(expected_ids(inputs)) - 3
    rows = _rows(out)
    assert {r["doc_id"] for r in rows} == expected_ids(inputs)
    per_doc = [(r["doc_id"], r["event_index"]) for r in rows]
    assert len(per_doc) == len(set(per_doc))  # no document written twice
    nothing = run(_all(inputs), out, _config(resume=True), client=client)
    assert nothing.counts.documents == 0 and len(_rows(out)) == len(rows)


def test_resume_jsonl_drops_a_cut_line(client, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "x1", "text": "Réunion publique le mardi 4 mars 2025 à 19h30 à Liège."},
        {"id": "x2", "text": "Grève générale le lundi 31 mars 2025 dans tout le pays."},
    ], bad_lines=False)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "x1", "events": []}) + "\n" + '{"id": "x2", "ev',
                   encoding="utf-8")
    outcome = run([str(source)], out, _config(fmt="jsonl", resume=True), client=client)
    assert outcome.counts.resumed == 1 and outcome.counts.documents == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["x1", "x2"]


def test_overwrite_replaces_out(client, inputs, tmp_path):
    out = tmp_path / "events.parquet"
    run(_all(inputs), out, _config(), client=client)
    run([str(inputs["jsonl"])], out, _config(overwrite=True), client=client)
    assert {r["doc_id"] for r in _rows(out)} == {"rec-1", "rec-2", f"{inputs['jsonl']}:3",
                                                 "rec-bad"}


def test_many_documents_row_count_is_exact(client, tmp_path):
    source = many_records(tmp_path / "many.jsonl", 300)
    out = tmp_path / "many.parquet"
    outcome = run([str(source)], out, _config(partition_size=40), client=client)
    rows = _rows(out)
    assert outcome.counts.documents == 300
    assert len({r["doc_id"] for r in rows}) == 300
    assert len(rows) == outcome.counts.events + sum(
        1 for r in rows if r["event_index"] is None)
    assert pq.ParquetFile(out).metadata.num_rows == len(rows)


def test_partitions_spread_a_small_batch_and_cap_bytes():
    units = [Unit(f"d{i}", "file", f"/x/{i}", length=10) for i in range(6)]
    parts = list(partitions(units, size=100, workers=2))
    assert sum(len(p) for p in parts) == 6 and len(parts) >= 2
    many = [Unit(f"d{i}", "file", f"/x/{i}", length=10) for i in range(1000)]
    sizes = [len(p) for p in partitions(many, size=100, workers=2)]
    assert sizes == [100] * 10
    heavy = [Unit(f"p{i}", "file", f"/x/{i}", length=6 * 2**20) for i in range(500)]
    assert max(len(p) for p in partitions(heavy, size=100, workers=1)) == 2


def test_worker_side_reads_each_kind(inputs):
    from affiche.batch.sources import Scan, scan
    from affiche.batch.work import Task, run_partition

    units = tuple(scan(_all(inputs), Scan()))
    result = run_partition(Task(units, "jsonl", pipeline.Options(),
                                parse_reference(REFERENCE, "Europe/Brussels")))
    assert result.documents == len(expected_ids(inputs)) and result.errors == 3
    assert result.payload.count("\n") == result.documents


def test_cli_batch_end_to_end(inputs, tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    code = main(["batch", *_all(inputs), "--out", str(out), "--workers", "1",
                 "--reference", REFERENCE])
    assert code == 0
    summary = capsys.readouterr().err
    assert "9 documents" in summary and "3 errors" in summary and str(out) in summary
    assert len(out.read_text(encoding="utf-8").splitlines()) == 9


@pytest.mark.parametrize(("args", "message"), [
    ([], "no INPUT"),
    (["/nowhere/at/all.txt"], "no such file or directory"),
    (["-"], "standard input"),
    (["{inp}", "--out", "{tmp}"], "is a directory"),
    (["{inp}", "--out", "/nowhere/out.parquet"], "does not exist"),
    (["{inp}", "--scheduler", "not-an-address"], "--scheduler"),
    (["{inp}", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], "one or the other"),
    (["{inp}", "--database", "sqlite:///x.db"], "--into-agenda"),
    (["{inp}", "--resume", "--overwrite"], "not both"),
    (["{inp}", "--reference", "soon"], "--reference"),
    (["{inp}", "--workers", "0"], "at least 1"),
    (["{inp}", "--partition-size", "0"], "at least 1"),
])
def test_cli_batch_refuses_bad_arguments(args, message, inputs, tmp_path, capsys):
    argv = [a.format(inp=inputs["folder"], tmp=tmp_path) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "o.parquet")]
    assert main(["batch", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "o.parquet").exists()


def test_cli_refuses_an_out_that_is_not_a_batch_output(inputs, tmp_path, capsys):
    out = tmp_path / "notes.parquet"
    out.write_text("my notes\n", encoding="utf-8")
    code = main(["batch", str(inputs["folder"]), "--out", str(out), "--resume",
                 "--workers", "1"])
    assert code == 2
    assert "not a readable Parquet file" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my notes\n"


def test_whole_warc_gives_the_rows_of_record_mode(client, inputs, tmp_path):
    split, whole = tmp_path / "split.parquet", tmp_path / "whole.parquet"
    run([str(inputs["warc"])], split, _config(), client=client)
    outcome = run([str(inputs["warc"])], whole, _config(whole_warc=True), client=client)
    assert outcome.counts.documents == 2
    key = lambda r: (r["doc_id"], r["source"], r["start"])  # noqa: E731
    assert sorted(map(key, _rows(split))) == sorted(map(key, _rows(whole)))
    again = run([str(inputs["warc"])], whole, _config(whole_warc=True, resume=True),
                client=client)
    assert again.counts.documents == 0 and again.counts.resumed == 1


def test_damaged_and_unreachable_warcs_are_error_rows(client, inputs, tmp_path):
    data = inputs["warc"].read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    for whole in (False, True):
        out = tmp_path / f"cut-{whole}.parquet"
        run([str(cut), "nosuchscheme://bucket/crawl.warc.gz"], out,
            _config(whole_warc=whole), client=client)
        rows = _rows(out)
        good = [r for r in rows if r["start"] == "2025-03-15T14:00:00+01:00"]
        assert len(good) == 1  # the record before the damage is kept
        errors = [r["error"] for r in rows if r["error"]]
        assert any("damaged WARC" in e or "not a readable WARC" in e for e in errors)
        assert any("nosuchscheme://bucket/crawl.warc.gz" in e for e in errors)


def test_cli_input_list(inputs, tmp_path, capsys):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# the crawl\n{inputs['warc']}\n\n{inputs['jsonl']}\n", encoding="utf-8")
    out = tmp_path / "listed.jsonl"
    assert main(["batch", "--input-list", str(listing), "--out", str(out), "--workers", "1",
                 "--reference", REFERENCE]) == 0
    assert "6 documents" in capsys.readouterr().err
    assert main(["batch", "--input-list", str(tmp_path / "none.txt"), "--out",
                 str(tmp_path / "x.jsonl")]) == 2
    assert "--input-list" in capsys.readouterr().err


def test_a_partition_lost_with_its_worker_becomes_error_rows(tmp_path):
    from affiche.batch.runner import _failed_partition
    from affiche.batch.schema import to_table
    from affiche.batch.work import Task

    units = (Unit("a", "file", "/in/a.txt"), Unit("b", "jsonl", "/in/b.jsonl", line=2))
    lost = RuntimeError("worker tcp://127.0.0.1:1 died three times")
    table = _failed_partition(Task(units), lost, "parquet").payload
    assert table.schema.equals(to_table([]).schema)
    rows = table.to_pylist()
    assert [r["doc_id"] for r in rows] == ["a", "b"]
    assert all("worker failure: RuntimeError" in r["error"] for r in rows)
    lines = _failed_partition(Task(units), lost, "jsonl").payload.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
