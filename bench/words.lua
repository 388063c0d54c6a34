-- wrk script of bench/register.sh's case name-search-varied: each request searches the list (the URL's path) by a word
-- of BENCH_WORD_CHARACTERS characters drawn from BENCH_SYLLABLES (the characters bench/register-data.awk builds the
-- names of), a new word nearly every time, as the searches of many users are: PostgreSQL plans each for its own words
-- and reads its own names, where a search repeated by every request finds its plan's estimate and its rows cached.
-- Each thread draws from a seed of its own, the same in every run.
local characters = {}
for character in string.gmatch(os.getenv("BENCH_SYLLABLES") or "", "%S+") do
  characters[#characters + 1] = character
end
assert(#characters > 0, "BENCH_SYLLABLES names no characters: run the case from bench/register.sh, which sets it")
local length = tonumber(os.getenv("BENCH_WORD_CHARACTERS") or "2")
-- The URL's own query (the word bench/register.sh checks the case's status with) gives way to each request's word.
local path = wrk.path:gsub("%?.*$", "")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", 1000 + threads)
end

function init(args)
  math.randomseed(seed)
end

local function encoded(text)
  return (text:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local word = ""
  for _ = 1, length do
    word = word .. characters[math.random(#characters)]
  end
  return wrk.format(nil, path .. "?q=" .. encoded(word))
end
