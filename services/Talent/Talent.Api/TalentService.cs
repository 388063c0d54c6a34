using ServiceDefaults;
using SharedKernel.Access;

namespace Talent.Api;

internal static class TalentService
{
    public static readonly ServiceDescription Description = new("talent", "Talent API",
        "Tianjin's talent register: people with their identity documents, their recognitions under talent programmes (“海河英才”, " +
        "杰出人才, 青年科技人才, 宝坻区科技创新人才资源库, 科技特派员, “项目+团队” and the districts' own), teams, and " +
        "science-and-technology commissioners (科技特派员) with their yearly appraisals; public statistics.\n\n" +
        "**Personal data.** Identity numbers and phones are stored encrypted, found only by exact look-up through a keyed hash, " +
        "masked (`120104********123X`, `138****5678`; a passport number whole) unless the token holds `talent.pii`, masked in the " +
        "audit trail, never logged, never in an event, and left out of CSV exports unless `includePersonalData=true` is asked by " +
        "a holder of `talent.pii`. They travel only in request bodies: a look-up is `POST /api/v1/talents/lookup`, and a URL " +
        "naming `idNumber` or `phone` is refused (403 without `talent.pii`, 400 with it). Answers carrying them are never compressed.\n\n" +
        "**Identity documents.** A resident identity number has its GB 11643 check character (ISO 7064 MOD 11-2), a date of birth " +
        "from 1900 to today and a known issuing division (Tianjin's districts and former counties, the provinces elsewhere); " +
        "foreign talent registers a passport or a permanent-residence card with its ISO 3166 nationality.\n\n" +
        "**Statistics** are public and count people; a count of 1 to 4 is never published (and a second cell is withheld " +
        "where the total would give one back).\n\n" +
        "Errors are RFC 9457 problem details with a stable `code`; 400 the request could not be read, 422 it breaks a rule " +
        "(`errors` per field; a message never repeats an identity number or phone), 409 a duplicate or a state that forbids the " +
        "change, 503 the enterprise register cannot be asked. Updates are JSON merge patches with `If-Match`.\n\n" +
        "Events (Redis stream `talent`): TalentRecognized, RecognitionRevoked, TeamFormed, TeamDisbanded, CommissionerAssigned, " +
        "CommissionerAppraised — ids, programme, year, tier, nationality, region, zone and dates only.",
        typeof(TalentService).Assembly)
    {
        PersonalDataScope = Scopes.TalentPii,
    };
}
