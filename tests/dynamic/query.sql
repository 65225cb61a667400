create table city(name text, country text, people integer);
insert into city values ('Lyon', 'FR', 522250), ('Graz', 'AT', 291072), ('Porto', 'PT', 231800),
  ('Nice', 'FR', 342669), ('Linz', 'AT', 206595);
select country, count(*), sum(people) from city group by country order by 3 desc;
with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000)
  select count(*), sum(i), avg(i) from n;
select printf('%08.3f', 3.14159), upper('done'), length(randomblob(10));
.mode csv
select * from city where people > 300000 order by name;
