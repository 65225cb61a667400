-- A workload for sqlite3's recall test (recall.sh --in-tmpdir, on standard input): a file
-- database in WAL mode, an index, full-text search, a transaction rolled back, a sort that
-- spills to a temporary file, a backup, vacuum and the shell's output redirection.
.open work.db
pragma journal_mode = wal;
create table t(a integer primary key, b text);
with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000)
insert into t select x, printf('%08x', (x * 2654435761) % 4294967296) || x from c;
select count(*), sum(a), max(length(b)) from t;
create index ib on t(b);
select a from t where b like '%99' order by a limit 3;
begin;
delete from t where a % 2 = 0;
rollback;
pragma cache_size = 10;
select count(distinct b) from (select b from t order by b desc);
create virtual table f using fts5(body);
insert into f values ('hello world'), ('cocoon unikernel'), ('hello cocoon');
select rowid from f where f match 'cocoon' order by rowid;
.backup copy.db
.output dump.sql
.dump t
.output stdout
pragma wal_checkpoint(truncate);
vacuum;
.print done
