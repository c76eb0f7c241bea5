//! Numbers written in digits, with French and English separators.
//!
//! - A space (plain, no-break U+00A0 or narrow no-break U+202F, all folded to a
//!   plain space) always separates thousands: « 4 000 », « 1 200 000 ».
//! - The same mark repeated separates thousands: « 1.000.000 », « 1,000,000 ».
//! - Both marks: the last one is the decimal mark: « 1,234.5 », « 1.234,5 ».
//! - One mark followed by exactly three digits separates thousands when it is
//!   the language's thousands mark (`,` in English, `.` in French), and also
//!   when it is the decimal mark but no scale word follows (« 4,500 » in
//!   English, « 4.000 » anywhere → 4000; but « 1,500 million » (fr) → 1.5 million).
//! - Otherwise one mark is a decimal mark: « 1,8 million », « 2.5 ».
//! - A number starting with 0 and more digits (« 06 », « 007 ») is a code.

use crate::Lang;

/// A decimal number as digits: `mantissa × 10^-frac`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Decimal {
    pub mantissa: u128,
    pub frac: u32,
}

impl Decimal {
    /// The value times `10^exp`, computed on integers where possible so that
    /// « 1,8 million » is exactly 1800000.
    pub fn scaled(self, exp: u32) -> f64 {
        if exp >= self.frac {
            let p = 10u128.checked_pow(exp - self.frac);
            match p.and_then(|p| self.mantissa.checked_mul(p)) {
                Some(v) => v as f64,
                None => self.mantissa as f64 * 10f64.powi((exp - self.frac) as i32),
            }
        } else {
            self.mantissa as f64 / 10f64.powi((self.frac - exp) as i32)
        }
    }

    pub fn value(self) -> f64 {
        self.scaled(0)
    }

    /// True when the number was written with no separator at all.
    pub fn is_plain_integer(self, text: &str) -> bool {
        self.frac == 0 && text.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Parses a number token's folded text. `scale_follows`: a scale word
/// (« million ») comes next.
pub(crate) fn parse(text: &str, lang: Lang, scale_follows: bool) -> Option<Decimal> {
    let b = text.as_bytes();
    if !b.is_empty() && b.len() <= 30 && b.iter().all(u8::is_ascii_digit) {
        // plain digits (the usual case), read as below without the separators
        if b.len() > 1 && b[0] == b'0' {
            return None;
        }
        let mantissa = b.iter().fold(0u128, |m, &d| m * 10 + u128::from(d - b'0'));
        return Some(Decimal { mantissa, frac: 0 });
    }
    let s: String = text.chars().filter(|c| *c != ' ').collect();
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let seps: Vec<(usize, u8)> = s
        .bytes()
        .enumerate()
        .filter(|(_, b)| !b.is_ascii_digit())
        .collect();
    let (int_part, frac_part): (String, &str) = match seps.as_slice() {
        [] => (s.clone(), ""),
        [(at, mark)] => {
            let (a, b) = (&s[..*at], &s[at + 1..]);
            let thousands_mark = match lang {
                Lang::En => b',',
                Lang::Fr => b'.',
            };
            let grouped = b.len() == 3
                && !a.is_empty()
                && a.len() <= 3
                && a != "0"
                && (*mark == thousands_mark || !scale_follows);
            if grouped {
                (format!("{a}{b}"), "")
            } else {
                (a.to_string(), b)
            }
        }
        _ => {
            let (last_at, last_mark) = *seps.last()?;
            let all_same = seps.iter().all(|(_, m)| *m == last_mark);
            // the marks before the last one must all be the same thousands mark
            let group_mark = seps[0].1;
            if !all_same && seps[..seps.len() - 1].iter().any(|(_, m)| *m != group_mark) {
                return None;
            }
            let (grouped_end, frac) = if all_same {
                (s.len(), "")
            } else {
                (last_at, &s[last_at + 1..])
            };
            let body = &s[..grouped_end];
            let groups: Vec<&str> = body.split(['.', ',']).collect();
            let ok = !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3);
            if !ok {
                return None;
            }
            (groups.concat(), frac)
        }
    };
    if int_part.is_empty() || (int_part.len() > 1 && int_part.starts_with('0')) {
        return None;
    }
    if frac_part.contains(['.', ',']) || (frac_part.is_empty() && s.ends_with(['.', ','])) {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    if digits.len() > 30 {
        return None;
    }
    let mantissa: u128 = digits.parse().ok()?;
    Some(Decimal {
        mantissa,
        frac: frac_part.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::fr_space("4 000", Lang::Fr, false, Some(4000.0))]
    #[case::fr_dot("4.000", Lang::Fr, false, Some(4000.0))]
    #[case::en_dot_no_scale("4.000", Lang::En, false, Some(4000.0))]
    #[case::en_comma("4,500", Lang::En, false, Some(4500.0))]
    #[case::fr_comma_decimal("1,8", Lang::Fr, true, Some(1.8))]
    #[case::fr_comma_three_scale("1,500", Lang::Fr, true, Some(1.5))]
    #[case::en_comma_three_scale("1,500", Lang::En, true, Some(1500.0))]
    #[case::en_decimal("2.5", Lang::En, true, Some(2.5))]
    #[case::en_millions("1,200,000", Lang::En, false, Some(1_200_000.0))]
    #[case::fr_millions("1.200.000", Lang::Fr, false, Some(1_200_000.0))]
    #[case::mixed_en("1,234.5", Lang::En, false, Some(1234.5))]
    #[case::mixed_fr("1.234,5", Lang::Fr, false, Some(1234.5))]
    #[case::leading_zero("06", Lang::Fr, false, None)]
    #[case::zero_decimal("0,5", Lang::Fr, false, Some(0.5))]
    #[case::date_like("12.03.2019", Lang::Fr, false, None)]
    #[case::bad_groups("1,23,456", Lang::En, false, None)]
    #[case::plain("53", Lang::Fr, false, Some(53.0))]
    fn parses(#[case] s: &str, #[case] lang: Lang, #[case] scale: bool, #[case] want: Option<f64>) {
        assert_eq!(parse(s, lang, scale).map(Decimal::value), want);
    }

    #[test]
    fn scaling_is_exact() {
        let d = parse("1,8", Lang::Fr, true).unwrap();
        assert_eq!(d.scaled(6), 1_800_000.0);
        let d = parse("2.35", Lang::En, true).unwrap();
        assert_eq!(d.scaled(9), 2_350_000_000.0);
    }
}
