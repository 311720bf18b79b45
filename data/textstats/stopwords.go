package textstats

import "strings"

// stopWords are function words of English, Spanish and Turkish (three letters or more; shorter
// words are dropped anyway) plus survey filler that says nothing about a theme.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{english, spanish, turkish} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

const english = `about above after again against all also although always and any are aren't because been before
being below between both but can can't cannot could couldn't did didn't does doesn't doing don't down during each
even ever every few for from further get gets getting got had hadn't has hasn't have haven't having her here hers
herself him himself his how i'm i've into isn't it's its itself just let's more most much must mustn't myself not
now off once only other ought our ours ourselves out over own really same shan't she should shouldn't since some
still such than that that's the their theirs them themselves then there there's these they they're they've thing
things this those though through too under until very was wasn't we'd we're we've were weren't what what's when
where which while who whom why will with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves also lot lots yes yeah one two use used using make made well way since`

const spanish = `algo algunas algunos ante antes aquel aquella aquellas aquellos aqui aquí así aun aún cada como
cómo con contra cual cuál cuando cuándo del desde donde dónde dos durante ella ellas ellos entre era eran eres esa
esas ese eso esos esta está estaba estaban estado estamos están estar estas este esto estos estoy fue fueron fui
fuimos había habían han has hasta hay hemos las les los más mas mía mientras mis mucho muchos muy nada nos nosotras
nosotros nuestra nuestro otra otras otro otros para pero poco por porque que qué quien quién quienes sea sean ser
será sido siempre sin sobre son soy sus también tan tanto tener tengo tenía tiene tienen todo todos tus una uno
unos usted ustedes vez vosotros además cosa cosas solo sólo ya`

const turkish = `acaba ama ancak artık aslında bana bazı belki ben beni benim bile bir biraz birkaç birşey biz bize
bizi bizim böyle bu buna bunda bundan bunlar bunu bunun çok çünkü daha değil diye dolayı gibi göre hem hep hepsi
her hiç için ile ise kadar kendi kez ki kim mı mi mu mü nasıl ne neden nerede nereye niçin niye olan olarak oldu
olduğu olmak olması olsa olup onlar onu onun öyle şey şimdi şöyle şu şuna şunda şundan şunu tüm üzere var ve veya
ya yani yine zaten sonra önce bile gerçekten`
