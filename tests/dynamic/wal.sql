pragma journal_mode=wal;
drop table if exists t;
create table t(a integer, b text);
insert into t select value, printf('row %d', value) from generate_series(1, 5000);
select count(*), sum(a), max(b) from t;
pragma wal_checkpoint(truncate);
select count(*) from t where a % 7 = 0;
