# Enterprises and qualifications for bench/register.sh, from a fixed seed: the same rows on every run.
#   awk -v what=enterprises -v from=1 -v count=1000000 -v format=copy -f bench/register-data.awk
#   awk -v what=qualifications -v enterprises=1000000 -v count=200000 -f bench/register-data.awk
#   awk -v what=reports -v enterprises=1000000 -f bench/register-data.awk
#   awk -v what=audit -v enterprises=1000000 -f bench/register-data.awk
# format=copy: PostgreSQL COPY text rows of the Enterprises table; format=csv: the import's CSV (with header).
BEGIN {
  srand(what == "qualifications" ? 7 : what == "reports" ? 13 : 11 + from)
  alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
  split("3 7 9 10 5 8 4 2", orgWeights, " ")
  # Eight districts, so 静海 120118 holds one enterprise in eight (125,000 of 1,000,000).
  split("120101 120102 120103 120104 120110 120116 120118 120119", districts, " ")
  split("12Z01 12Z02 12Z03 12Z04 12Z05", zones, " ")
  split("新一代信息技术 新材料 生物医药 高端装备制造 新能源 节能环保", industries, " ")
  # Split on spaces: awk may count bytes, not characters, in UTF-8 text.
  nSyllables = split("华 晟 瑞 泰 恒 达 鑫 源 博 创 科 信 安 康 明 德 宏 图 金 海 远 航 立 嘉 中 天 盛 世 凯 正 通 联 兴 隆 昌 和 诚 合 众 汇 智 弘 毅 鼎 峰 卓 越 启", syllables, " ")
  split("科技有限公司 技术有限公司 信息技术有限公司 新材料有限公司 生物科技有限公司", suffixes, " ")
  if (what == "qualifications") { qualifications(); exit }
  if (what == "reports") { reports(); exit }
  if (what == "audit") { audit(); exit }
  if (format == "csv") print "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn"
  for (n = from; n < from + count; n++) enterprise(n)
  exit
}

function pick(list, size) { return list[int(rand() * size) + 1] }
function syllable() { return syllables[int(rand() * nSyllables) + 1] }
function day(fromYear, years) { return sprintf("%04d-%02d-%02d", fromYear + int(rand() * years), int(rand() * 12) + 1, int(rand() * 28) + 1) }

# credit_code(n, region): a valid Unified Social Credit Code (GB 32100-2015) of the nth company in region.
function credit_code(n, region,   body, sum, i, check, code, weight, position) {
  body = sprintf("%08d", n); sum = 0
  for (i = 1; i <= 8; i++) sum += orgWeights[i] * substr(body, i, 1)
  check = 11 - sum % 11; check = check == 10 ? "X" : check == 11 ? "0" : check
  code = "91" region body check; sum = 0; weight = 1
  for (i = 1; i <= 17; i++) {
    position = index(alphabet, substr(code, i, 1)) - 1
    sum += weight * position; weight = weight * 3 % 31
  }
  return code substr(alphabet, (31 - sum % 31) % 31 + 1, 1)
}

# region_of(n): the nth enterprise's district, a function of n alone, so the qualifications can name it.
function region_of(n) { return districts[int((n * 2654435761) % 4294967296) % 8 + 1] }

function enterprise(n,   region, zone, name, nameEn, industry, founded) {
  region = region_of(n)
  zone = rand() < 0.1 ? pick(zones, 5) : ""
  name = "天津" syllable() syllable() syllable() pick(suffixes, 5)
  nameEn = rand() < 0.3 ? sprintf("Tianjin Bench Enterprise %d Co. Ltd", n) : ""
  industry = pick(industries, 6)
  founded = day(1995, 30)
  if (format == "csv") {
    print credit_code(n, region) "," name "," nameEn "," region "," zone "," industry "," founded
  } else {
    # CreditCode Name NameEn RegionCode ZoneCode Industry FoundedOn CreatedAt UpdatedAt Version
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t1\n", credit_code(n, region), name,
      nameEn == "" ? "\\N" : nameEn, region, zone == "" ? "\\N" : zone, industry, founded
  }
}

function qualifications(   i, n, r, type, status, granted, expires, valid) {
  for (i = 1; i <= count; i++) {
    n = int(rand() * enterprises) + 1
    r = rand()
    type = r < 0.45 ? "TechSme" : r < 0.85 ? "HighTech" : r < 0.90 ? "Eagle" : r < 0.95 ? "Gazelle" : r < 0.975 ? "Leader" : "LeaderCultivation"
    r = rand()
    status = r < 0.8 ? "Valid" : r < 0.95 ? "Expired" : "Revoked"
    # As the register allows: an enterprise holds one valid qualification of a type at a time; a second draw is a past one.
    if (status == "Valid" && (n, type) in valid) status = "Expired"
    if (status == "Valid") valid[n, type] = 1
    granted = status == "Valid" ? day(2025, 1) : day(2018, 4)
    expires = status == "Valid" ? day(2027, 2) : day(2022, 2)
    # CreditCode Type Status GrantedOn ExpiresOn CertificateNumber
    printf "%s\t%s\t%s\t%s\t%s\tGR2025%07d\n", credit_code(n, region_of(n)), type, status, granted, expires, i
  }
}

# Annual reports 2023–2025 for half the enterprises (one year in ten left out), with figures spread around the
# HighTech thresholds, so the cultivation pool of 2026 holds enterprises missing 0 to 3 criteria.
function reports(   n, year, revenue) {
  for (n = 1; n <= enterprises; n++) {
    if (rand() >= 0.5) continue
    for (year = 2023; year <= 2025; year++) {
      if (rand() < 0.1) continue
      revenue = 500 + int(rand() * 20000)
      # CreditCode Year RevenueWan RdExpenseWan HighTechRevenueWan Employees RdStaff InventionPatents Class1Ip Class2Ip TotalAssetsWan
      printf "%s\t%d\t%d\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%d\t%d\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t1\n",
        credit_code(n, region_of(n)), year, revenue, revenue * (0.02 + rand() * 0.06), revenue * (0.4 + rand() * 0.5),
        100, 5 + int(rand() * 20), int(rand() * 3), int(rand() * 2), int(rand() * 3), revenue * 2
    }
  }
}

# The audit trail of the register as its imports leave it: a create of each enterprise, a second apart, by the
# import client, and one in a thousand by a district portal.
function audit(   n) {
  for (n = 1; n <= enterprises; n++) {
    # At ClientId Action ResourceType ResourceKey Changes RequestId
    printf "%s\t%s\tcreate\tEnterprise\t%s\t{\"regionCode\": {\"before\": null, \"after\": \"%s\"}}\tbench-%d\n",
      strftime("%Y-%m-%d %H:%M:%S+00", 1767225600 + n, 1), n % 1000 == 0 ? "jinghai-portal" : "register-import",
      credit_code(n, region_of(n)), region_of(n), n
  }
}
