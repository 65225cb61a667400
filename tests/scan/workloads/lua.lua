-- A workload for lua's recall test (recall.sh --in-tmpdir): files, strings, tables,
-- coroutines, errors, time and the garbage collector, in the scratch directory it runs in.
local t = {}
for i = 1, 500 do t[#t + 1] = string.format("%d:%s", i, tostring(i * i)) end
table.sort(t)
local f = assert(io.open("out.txt", "w"))
f:write(table.concat(t, "\n"), "\n")
f:close()
local n = 0
for line in io.lines("out.txt") do n = n + #line end
print(#t, n, t[1])
assert(os.rename("out.txt", "moved.txt"))
local g = assert(io.open("moved.txt", "a+"))
g:seek("set", 0)
print(#g:read("a"), g:seek("end"))
g:close()
assert(os.remove("moved.txt"))
print(io.open("missing.txt") == nil, os.getenv("PATH") ~= nil)
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
print(co(1), co(21))
print(pcall(error, "boom"), select("#", string.byte("cocoon", 1, -1)))
print(os.time() > 0, os.clock() >= 0, os.date("!%Y", 0), os.difftime(2, 1))
collectgarbage("collect")
print(string.rep("ab", 3, "-"), ("%5.2f"):format(math.pi), utf8.char(228, 8364))
io.stderr:write("to stderr\n")
