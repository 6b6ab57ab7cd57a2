//! Resume dates: single months and ranges in the many ways people write them.
//!
//! Points: "Jan 2019", "January 2019", "Mar. 2021", "Sept '22", "01/2019", "2019-01", "2019",
//! "'22", seasons ("Spring 2020" = March, "Summer" = June, "Fall"/"Autumn" = September,
//! "Winter" = January). Open ends: "Present", "Current(ly)", "Now", "Today", "to date",
//! "till date", "ongoing". Connectors: hyphen, en/em dash, "to", "until", "till", "through".
//! A year without a month starts in January and ends in December ("2017–2020" is 48 months);
//! a lone season lasts three months from its first month.

use std::sync::OnceLock;

use regex::Regex;

use crate::{DateRange, Span, YearMonth};

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?-u:\b)\.?";
const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";
const YEAR: &str = r"(?:(?:19|20)\d{2}(?-u:\b)|['’]\d{2}(?-u:\b))";
const OPEN: &str = r"(?:present|current(?:ly)?|now|today|ongoing|(?:to|till|til|until)\s+(?:date|now|present|today))(?-u:\b)";

/// A point in time as written: a year and, unless only the year was given, a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Point {
    year: u16,
    month: Option<u8>,
}

impl Point {
    fn first_month(self) -> Option<YearMonth> {
        YearMonth::new(self.year, self.month.unwrap_or(1))
    }

    fn last_month(self) -> Option<YearMonth> {
        YearMonth::new(self.year, self.month.unwrap_or(12))
    }
}

fn point_pattern() -> String {
    format!(
        r"(?:(?:{MONTH}|{SEASON}),?\s*{YEAR}|(?:0?[1-9]|1[0-2])\s*[/.]\s*(?:19|20)\d{{2}}(?-u:\b)|(?:19|20)\d{{2}}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?-u:\b)|{YEAR})"
    )
}

fn range_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let point = point_pattern();
        let connector = r"\s*(?:-{1,2}|[–—‒−~]|to(?-u:\b)|until(?-u:\b)|till(?-u:\b)|through(?-u:\b)|thru(?-u:\b))\s*";
        let pattern = format!(
            r"(?i)(?:since\s+(?P<since>{point})|(?P<start>{point}|{MONTH}){connector}(?:(?P<end>{point})|(?P<open>{OPEN}))|(?P<from>{point})\s+(?P<open2>(?:to|till|til|until)\s+(?:date|now|present|today)(?-u:\b))|(?P<single>{point}))"
        );
        Regex::new(&pattern).expect("valid date regex")
    })
}

fn point_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"(?i)^(?:(?P<mon>{MONTH}|{SEASON}),?\s*(?P<y1>{YEAR})|(?P<m2>\d{{1,2}})\s*[/.]\s*(?P<y2>\d{{4}})|(?P<y3>\d{{4}})\s*[-/.]\s*(?P<m3>\d{{2}})|(?P<y4>{YEAR})|(?P<bare>{MONTH}))$"
        );
        Regex::new(&pattern).expect("valid point regex")
    })
}

fn month_number(name: &str) -> Option<u8> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        "spr" => 3,
        "sum" => 6,
        "fal" | "aut" => 9,
        "win" => 1,
        _ => return None,
    };
    Some(m)
}

fn year_number(s: &str) -> Option<u16> {
    let digits = s.trim_start_matches(['\'', '’']);
    let y: u16 = digits.parse().ok()?;
    Some(match (digits.len(), y) {
        (2, 0..=49) => 2000 + y,
        (2, _) => 1900 + y,
        _ => y,
    })
}

/// Parses one point; a bare month ("Jan") has year 0, to be filled from the range's end.
fn parse_point(s: &str) -> Option<Point> {
    let c = point_regex().captures(s.trim())?;
    if let (Some(mon), Some(y)) = (c.name("mon"), c.name("y1")) {
        return Some(Point {
            year: year_number(y.as_str())?,
            month: Some(month_number(mon.as_str())?),
        });
    }
    if let (Some(m), Some(y)) = (c.name("m2").or(c.name("m3")), c.name("y2").or(c.name("y3"))) {
        let month: u8 = m.as_str().parse().ok()?;
        return (1..=12).contains(&month).then_some(Point {
            year: year_number(y.as_str())?,
            month: Some(month),
        });
    }
    if let Some(y) = c.name("y4") {
        return Some(Point {
            year: year_number(y.as_str())?,
            month: None,
        });
    }
    let mon = c.name("bare")?;
    Some(Point {
        year: 0,
        month: Some(month_number(mon.as_str())?),
    })
}

/// A date (range or single point) found in a line, before "Present" is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FoundDate {
    /// First month.
    pub start: YearMonth,
    /// Last month; `None` when open-ended.
    pub end: Option<YearMonth>,
    /// True if and only if both ends were written (a range, not a lone point).
    pub is_range: bool,
    /// Byte range within the searched string.
    pub start_byte: usize,
    /// One past the last byte within the searched string.
    pub end_byte: usize,
}

impl FoundDate {
    /// Resolves the open end against `as_of` and shifts the span by `offset` into the text.
    pub(crate) fn resolve(&self, as_of: YearMonth, offset: usize) -> DateRange {
        let end = self.end.unwrap_or(as_of.max(self.start));
        DateRange {
            start: self.start,
            end: end.max(self.start),
            ongoing: self.end.is_none(),
            span: Span::new(offset + self.start_byte, offset + self.end_byte),
        }
    }
}

/// Every date in `s`, left to right; ranges are preferred over the points inside them.
pub(crate) fn find_dates(s: &str) -> Vec<FoundDate> {
    // Every date has a year, hence a digit: most lines need no regex at all.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    range_regex()
        .captures_iter(s)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // The regex has no leading word boundary (a year may start with "'"): check it here.
            if s[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
            let found = |start: YearMonth, end: Option<YearMonth>, is_range: bool| FoundDate {
                start,
                end,
                is_range,
                start_byte: whole.start(),
                end_byte: whole.end(),
            };
            if let Some(p) = c.name("since") {
                let p = parse_point(p.as_str())?;
                return Some(found(p.first_month()?, None, true));
            }
            if let Some(p) = c.name("from") {
                let p = parse_point(p.as_str())?;
                return Some(found(p.first_month()?, None, true));
            }
            if let Some(m) = c.name("single") {
                let p = parse_point(m.as_str())?;
                let first = p.first_month()?;
                // A lone season is a season long ("Summer 2022": June to August).
                let season = m.as_str().get(..3).is_some_and(|w| {
                    matches!(
                        w.to_ascii_lowercase().as_str(),
                        "spr" | "sum" | "fal" | "aut" | "win"
                    )
                });
                let last = if season {
                    YearMonth::new(p.year, first.month + 2)?
                } else {
                    p.last_month()?
                };
                return Some(found(first, Some(last), false));
            }
            let mut start = parse_point(c.name("start")?.as_str())?;
            if c.name("open").is_some() {
                if start.year == 0 {
                    return None;
                }
                return Some(found(start.first_month()?, None, true));
            }
            let end = parse_point(c.name("end")?.as_str())?;
            if start.year == 0 {
                start.year = end.year;
            }
            let (first, last) = (start.first_month()?, end.last_month()?);
            (first <= last).then(|| found(first, Some(last), true))
        })
        .collect()
}

/// The first date range (not a lone point) in `s`.
#[cfg(test)]
pub(crate) fn find_range(s: &str) -> Option<FoundDate> {
    find_dates(s).into_iter().find(|d| d.is_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: u16, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn common_ranges() {
        let r = find_range("Senior Engineer, Jan 2019 – Present").unwrap();
        assert_eq!((r.start, r.end), (ym(2019, 1), None));
        let r = find_range("01/2019 - 03/2021").unwrap();
        assert_eq!((r.start, r.end), (ym(2019, 1), Some(ym(2021, 3))));
        let r = find_range("2019-01 – 2021-03").unwrap();
        assert_eq!((r.start, r.end), (ym(2019, 1), Some(ym(2021, 3))));
        let r = find_range("2017–2020").unwrap();
        assert_eq!((r.start, r.end), (ym(2017, 1), Some(ym(2020, 12))));
    }

    #[test]
    fn lone_points_are_not_ranges() {
        assert_eq!(find_range("Graduated May 2016"), None);
        let d = find_dates("Class of '22");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start, ym(2022, 1));
    }
}
