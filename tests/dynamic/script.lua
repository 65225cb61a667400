-- Debian's lua5.4 in the VM: tables, closures, coroutines, string patterns, integers, io.
local t = {}
for w in ("one two three two one two"):gmatch("%a+") do t[w] = (t[w] or 0) + 1 end
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) return t[a] > t[b] or (t[a] == t[b] and a < b) end)
for _, k in ipairs(keys) do io.write(k, "=", t[k], " ") end
print()
local gen = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * i) end end)
local s = 0
for _ = 1, 5 do s = s + gen() end
print("squares", s, math.maxinteger, 7 // 2, 7 / 2, string.format("%5.2f|%q", math.pi, "a\nb"))
local f = assert(io.open(arg[1], "w"))
f:write("from lua\n")
f:close()
print(io.open(arg[1]):read("l"))
os.exit(6)
