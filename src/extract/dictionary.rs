//! Names looked up word by word, ignoring case and the separators between words.
//!
//! The unit gazetteer was one regex of every name and alias ("Sở Văn hóa, Thể thao và Du
//! lịch", "Sở VHTT&DL", ...), each word joined to the next by "any run of spaces, commas,
//! hyphens, ampersands and 'và '". Its automaton took 1.3 MiB of each thread's cache. A
//! trie of the names' letters, with one edge for the gap between two words, finds the same
//! names in a walk over the few characters a name has, and holds no cache at all.

/// The characters that may stand between two words of a name: "Văn hóa, Thể thao",
/// "Văn hóa - Thể thao", "VHTT&DL" (the gazetteer's keys ignore the same ones).
pub(crate) fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '-' | '&')
}

/// The words of a name as the dictionary keeps them: split at separators, without the
/// word "và", in lowercase.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(separator)
        .filter(|w| !w.is_empty() && *w != "và")
        .map(|w| {
            let mut word = String::with_capacity(w.len());
            for c in w.chars() {
                match super::fold::lower(c) {
                    Some(l) => word.push(l),
                    None => word.extend(c.to_lowercase()),
                }
            }
            word
        })
}

/// Where the gap between two words ends: after any run of separators and of "và" followed
/// by a space ("Văn hóa, Thể thao và Du lịch").
fn skip_gap(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if separator(c) => at += c.len_utf8(),
            Some('v') if rest.starts_with("và") => match rest["và".len()..].chars().next() {
                Some(s) if s.is_whitespace() => at += "và".len() + s.len_utf8(),
                _ => return at,
            },
            _ => return at,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// The next letter of a word, and the node it leads to.
    letters: Vec<(char, u32)>,
    /// The node of the next word's first letter, when a word ends here.
    gap: Option<u32>,
    /// The name that ends here: its rank and its value.
    name: Option<(usize, usize)>,
}

/// A set of names, each with a value, found at the start of a lowercase text.
#[derive(Debug, Clone)]
pub(crate) struct Dictionary {
    nodes: Vec<Node>,
}

impl Dictionary {
    /// The names in the order of their rank: where several names match at the same place,
    /// the one given first wins (the gazetteer gives its longest names first).
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = (&'a str, usize)>) -> Dictionary {
        let mut dictionary = Dictionary {
            nodes: vec![Node::default()],
        };
        for (rank, (name, value)) in names.into_iter().enumerate() {
            let mut node = 0;
            for (i, word) in words(name).enumerate() {
                if i > 0 {
                    node = match dictionary.nodes[node].gap {
                        Some(next) => next as usize,
                        None => {
                            let next = dictionary.push();
                            dictionary.nodes[node].gap = Some(next as u32);
                            next
                        }
                    };
                }
                for c in word.chars() {
                    node = match dictionary.nodes[node].letters.iter().find(|(l, _)| *l == c) {
                        Some(&(_, next)) => next as usize,
                        None => {
                            let next = dictionary.push();
                            dictionary.nodes[node].letters.push((c, next as u32));
                            next
                        }
                    };
                }
            }
            if node != 0 {
                dictionary.nodes[node].name.get_or_insert((rank, value));
            }
        }
        dictionary
    }

    fn push(&mut self) -> usize {
        self.nodes.push(Node::default());
        self.nodes.len() - 1
    }

    /// The name of the best rank that `text` (in lowercase) begins with: where it ends,
    /// and its value.
    pub(crate) fn find(&self, text: &str) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        // The places to go on from: a node and where in the text it stands.
        let mut open = vec![(0usize, 0usize)];
        while let Some((node, at)) = open.pop() {
            let node_ref = &self.nodes[node];
            if let Some((rank, value)) = node_ref.name {
                if best.is_none_or(|(r, _, _)| rank < r) {
                    best = Some((rank, at, value));
                }
            }
            if let Some(next) = node_ref.gap {
                open.push((next as usize, skip_gap(text, at)));
            }
            if let Some(c) = text[at..].chars().next() {
                if let Some(&(_, next)) = node_ref.letters.iter().find(|(l, _)| *l == c) {
                    open.push((next as usize, at + c.len_utf8()));
                }
            }
        }
        best.map(|(_, end, value)| (end, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(names: &[&str]) -> Dictionary {
        Dictionary::new(names.iter().enumerate().map(|(i, n)| (*n, i)))
    }

    #[test]
    fn a_name_matches_whatever_separates_its_words() {
        let d = dictionary(&["Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL"]);
        for text in [
            "sở văn hóa, thể thao và du lịch tỉnh",
            "sở văn hóa - thể thao và  du lịch tỉnh",
            "sở văn hóa thể thao du lịch tỉnh",
            "sở vhttdl tỉnh",
            "sở vhtt & dl tỉnh",
        ] {
            let (end, _) = d.find(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(&text[end..], " tỉnh", "{text}");
        }
        assert_eq!(d.find("sở văn hóa tỉnh"), None);
        assert_eq!(d.find("ban sở vhttdl"), None);
    }

    #[test]
    fn the_name_given_first_wins_where_several_match() {
        // The gazetteer gives its longest names first.
        let d = dictionary(&["Công an tỉnh", "Công an"]);
        assert_eq!(
            d.find("công an tỉnh lào cai"),
            Some(("công an tỉnh".len(), 0))
        );
        assert_eq!(d.find("công an huyện"), Some(("công an".len(), 1)));
        // A name given later does not stand in for a longer one that fails.
        let d = dictionary(&["Công an", "Công an tỉnh"]);
        assert_eq!(d.find("công an tỉnh"), Some(("công an".len(), 0)));
    }

    #[test]
    fn va_is_skipped_only_as_a_word() {
        let d = dictionary(&["Sở Lao động Thương binh Xã hội", "Văn phòng"]);
        assert!(d.find("sở lao động - thương binh và xã hội").is_some());
        // "và" glued to the next word is no separator.
        assert_eq!(d.find("sở lao động thương binh vàxã hội"), None);
        assert!(d.find("văn phòng").is_some());
    }
}
