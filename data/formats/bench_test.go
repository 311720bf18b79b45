package formats

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchWords make multilingual comments of 5-60 words, like the benchmark file.
var benchWords = strings.Fields(`the support team was quick and friendly but billing is confusing export works
great app crashes sometimes on my phone el servicio es rápido pero la factura es confusa me encantó
la atención año señal destek ekibi çok ilgili ama fiyatlar yüksek ödeme ekranı yavaş İstanbul
şubesi ığdır "quoted" words, with commas; and semicolons 😀 👍🏽`)

// genQualtrics writes an n-row export in the current three-header-row Qualtrics layout.
func genQualtrics(w io.Writer, n int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	fmt.Fprintln(w, "StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,"+
		"DistributionChannel,UserLanguage,Q1,Q2,Q3,Region")
	fmt.Fprintln(w, `Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,`+
		`Distribution Channel,User Language,How likely are you to recommend us to a friend?,Why?,"How satisfied are you, overall?",Region`)
	fmt.Fprintln(w, `"{""ImportId"":""startDate"",""timeZone"":""Europe/Istanbul""}","{""ImportId"":""endDate"",""timeZone"":""Europe/Istanbul""}",`+
		`"{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}",`+
		`"{""ImportId"":""finished""}","{""ImportId"":""recordedDate"",""timeZone"":""Europe/Istanbul""}","{""ImportId"":""_recordId""}",`+
		`"{""ImportId"":""distributionChannel""}","{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}",`+
		`"{""ImportId"":""QID3""}","{""ImportId"":""Region""}"`)
	regions := []string{"EMEA", "LATAM", "APAC", "North America"}
	langs := []string{"EN", "ES", "TR"}
	var c strings.Builder
	for i := range n {
		c.Reset()
		for j := range 5 + r.IntN(56) {
			if j > 0 {
				c.WriteByte(' ')
			}
			c.WriteString(benchWords[r.IntN(len(benchWords))])
		}
		day, sec := 1+i%28, i%86400
		date := fmt.Sprintf("2026-02-%02d %02d:%02d:%02d", day, sec/3600, sec/60%60, sec%60)
		fmt.Fprintf(w, "%s,%s,0,10.0.0.1,100,%d,1,%s,R_%015d,email,%s,%d,\"%s\",%d,%s\n", date, date, 30+i%500, date, i,
			langs[i%3], r.IntN(11), strings.ReplaceAll(c.String(), `"`, `""`), 1+r.IntN(5), regions[i%4])
	}
}

func BenchmarkParse_Qualtrics(b *testing.B) {
	var buf bytes.Buffer
	const rows = 50_000
	genQualtrics(&buf, rows, 1)
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Open(bytes.NewReader(buf.Bytes()), "bench.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := p.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d responses, want %d", n, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
