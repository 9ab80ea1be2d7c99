package spell

// Distance returns the Damerau-Levenshtein distance between a and b (the
// optimal string alignment variant: insertions, deletions, substitutions and
// transpositions of two adjacent bytes each cost 1, and no substring is
// edited twice), or max+1 when it is more than max. It works on bytes, which
// is exact for the ASCII words it is given, and only fills the band of
// width 2*max+1 around the diagonal, so it costs O(max*len) and allocates
// nothing for words up to 64 bytes.
//
// github.com/agnivade/levenshtein was considered: it has no transpositions
// (the commonest typo, "assocaite") and no bound, so it always fills the
// whole matrix.
func Distance(a, b string, max int) int {
	la, lb := len(a), len(b)
	if la-lb > max || lb-la > max {
		return max + 1
	}
	if la == 0 || lb == 0 {
		return la + lb
	}
	const big = 1 << 20
	var s0, s1, s2 [65]int
	prev2, prev, cur := s0[:], s1[:], s2[:]
	if lb >= len(s0) {
		prev2, prev, cur = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	for j := 0; j <= lb; j++ {
		prev[j] = j
		if j > max {
			prev[j] = big
		}
	}
	for i := 1; i <= la; i++ {
		lo, hi := i-max, i+max
		if lo < 1 {
			lo = 1
		}
		if hi > lb {
			hi = lb
		}
		if lo > 1 {
			cur[lo-1] = big
		} else {
			cur[0] = i
			if i > max {
				cur[0] = big
			}
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := prev[j-1] + cost
			if v := prev[j] + 1; v < d && j < i+max {
				d = v
			}
			if v := cur[j-1] + 1; v < d {
				d = v
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if v := prev2[j-2] + 1; v < d {
					d = v
				}
			}
			cur[j] = d
			if d < rowMin {
				rowMin = d
			}
		}
		if hi < lb {
			cur[hi+1] = big
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[lb] > max {
		return max + 1
	}
	return prev[lb]
}
