package annotate

import "testing"

// TestStancesFreshPhrasing: sentences of our own written after the
// development corpus, in forms news uses, to find what the reader missed
// (each fixed case is marked with what it needed). The rest read right
// before and stay as guards.
func TestStancesFreshPhrasing(t *testing.T) {
	logistics := []string{"logistics"}
	money := []string{"money"}
	cases := []struct {
		sentence string
		topic    []string
		want     string
	}{
		// a gerund subject after "said" takes the verdict after it
		{"Rome said sending Italian soldiers was out of the question.", troops, "Italy=declined"},
		{"Rome said sending soldiers was out of the question.", troops, "Italy=declined"},
		{"Merz said sending German troops was on the table.", troops, "Germany=unclear"},
		// "on the table" is weighed, "off the table" and "not on the table" refused
		{"Sending German troops is off the table, Merz said.", troops, "Germany=declined"},
		{"Merz said German troops were off the table.", troops, "Germany=declined"},
		{"Sending German troops is not on the table, Merz said.", troops, "Germany=declined"},
		// "we" in a quotation whose attribution names only a country's office
		{"\"We are not ready to send our soldiers,\" the Greek prime minister said.", troops, "Greece=declined"},
		{"\"We will not send troops, that is clear,\" the Slovak prime minister said.", troops, "Slovakia=declined"},
		// a commitment weighed in the middle of the chain is weighed
		{"Australia said it was willing to consider sending peacekeepers.", troops, "Australia=unclear"},
		{"Australia is ready to discuss sending peacekeepers.", troops, "Australia=unclear"},
		{"Australia is prepared to look at sending peacekeepers.", troops, "Australia=unclear"},
		// deciding to do, deciding not to, and not having decided
		{"Slovenia decided to send soldiers.", troops, "Slovenia=pledged"},
		{"Slovenia has decided to contribute troops if a ceasefire holds.", troops, "Slovenia=pledged"},
		{"Slovenia has decided not to send soldiers.", troops, "Slovenia=declined"},
		{"Austria opted not to join the force.", troops, "Austria=declined"},
		{"Slovenia has not decided whether to send soldiers.", troops, "Slovenia=unclear"},
		{"Slovenia has not yet decided on sending troops.", troops, "Slovenia=unclear"},
		// a military mission in Ukraine is troops
		{"Hungary will not take part in any military mission in Ukraine, Orban said.", troops, "Hungary=declined"},

		{"Denmark is prepared to put troops on the ground in Ukraine as part of a peace settlement, Prime Minister Mette Frederiksen said.", troops, "Denmark=pledged"},
		{"The Netherlands would contribute soldiers once a ceasefire has been agreed, the Dutch defence minister told parliament.", troops, "Netherlands=pledged"},
		{"Spain has no plans to deploy troops to Ukraine, Foreign Minister José Manuel Albares said.", troops, "Spain=declined"},
		{"Portugal is not considering sending soldiers, the government spokesman said on Thursday.", troops, "Portugal=declined"},
		{"There will be no German troops on the ground in Ukraine, Merz said.", troops, "Germany=declined"},
		{"Sweden did not rule out contributing troops to a peacekeeping force.", troops, "Sweden=unclear"},
		{"Deploying Belgian soldiers is only a possibility at this stage, the minister said.", troops, "Belgium=unclear"},
		{"Tusk said that Poland would not send troops but would provide logistical support.", troops, "Poland=declined"},
		{"Tusk said that Poland would not send troops but would provide logistical support.", logistics, "Poland=pledged"},
		{"Washington will provide intelligence and air support but not ground troops, a senior official said.", troops, "United States=declined"},
		{"Japan has pledged $2 billion for reconstruction.", troops, ""},
		{"Japan has pledged $2 billion for reconstruction.", money, "Japan=pledged"},
		{"Ukraine will provide its own troops for the front line.", troops, ""},
		{"Lithuanian soldiers could be deployed within weeks, the defence minister said.", troops, "Lithuania=unclear"},
		{"The United States will back the European force with air power, Trump said.", troops, ""},
		{"Greece has refused to say whether it would send troops.", troops, "Greece=unclear"},
		{"Norway is not among the countries that have offered troops.", troops, "Norway=declined"},
		{"Prague will send soldiers only if the United States provides a backstop.", troops, "Czech Republic=pledged"},
		{"Moscow rejected the deployment of any European troops in Ukraine.", troops, "Russia=opposes"},
		{"Kyiv wants at least 200,000 foreign troops to be deployed.", troops, ""},
		{"The Czech Republic could send up to 300 soldiers, Pavel said.", troops, "Czech Republic=unclear"},

		// a noun of talk and its preposition: what follows is talked about
		{"Poland offered its views on sending troops.", troops, ""},
		{"Poland gave a speech about sending troops.", troops, ""},
		{"Poland provided details of the plan to send troops.", troops, ""},
		{"Macron offered no details on how many troops France would send.", troops, ""},
		{"France offered a contingent of troops.", troops, "France=pledged"},
		{"France will provide a battalion of soldiers.", troops, "France=pledged"},
		// training is what a verb of training commits to, whoever is trained;
		// serving as something and taking something on commit to it
		{"Denmark says it will train Ukrainian pilots.", []string{"training"}, "Denmark=pledged"},
		// a fourth round, from how news phrased refusals and hedges:
		// a refused plan before the verb's own subject
		{"\"We do not have plans for Irish soldiers to be deployed in Ukraine,\" the taoiseach said.", troops, "Ireland=declined"},
		{"Ireland has no plans for Irish soldiers to be deployed in Ukraine.", troops, "Ireland=declined"},
		{"Ireland has plans for Irish soldiers to be deployed in Ukraine.", troops, "Ireland=pledged"},
		// a refusal of a refusal leaves the door open
		{"Macron refused to rule out sending French troops.", troops, "France=unclear"},
		{"Germany declined to rule out a deployment of troops.", troops, "Germany=unclear"},
		// an adverb inside the infinitive
		{"Hungary refuses to even consider sending troops.", troops, "Hungary=declined"},
		{"Norway agreed to formally commit troops to the force.", troops, "Norway=pledged"},
		// the writer's quotation marks around the words of a refusal
		{"The Belgian government had \"no plans\" to send troops to Ukraine.", troops, "Belgium=declined"},
		// "without" a commitment is its refusal
		{"Finland is involved in the discussions without providing its own forces.", troops, "Finland=declined"},
		{"The United States will help without sending troops.", troops, "United States=declined"},
		{"France will deploy troops without waiting for a UN mandate.", troops, "France=pledged"},
		// the adversary's verdicts in the forms its officials use
		{"The deployment of NATO countries' troops to Ukraine cannot be acceptable for Russia, the Kremlin spokesman said.", troops, "Russia=opposes"},
		{"Moscow considers the deployment of military contingents of NATO countries unacceptable.", troops, "Russia=opposes"},
		{"Russia would regard European military units in Ukraine as valid combat targets.", troops, "Russia=opposes"},
		{"Russia views any Western troops in Ukraine as legitimate targets.", troops, "Russia=opposes"},
		{"Italy considers sending troops unacceptable.", troops, "Italy=declined"},
		{"Germany is considering sending troops.", troops, "Germany=unclear"},
		{"Estonia will send a military unit to Ukraine after a ceasefire.", troops, "Estonia=pledged"},
		// whom the pledged thing is for is not pledged with it
		{"Poland will serve as the logistics hub for the force.", troops, ""},
		{"Poland will serve as the logistics hub for the force.", logistics, "Poland=pledged"},
		{"Germany will provide air defence for the reassurance force.", troops, ""},
		{"Britain will send troops for the peacekeeping force.", troops, "United Kingdom=pledged"},
		// weapons by name are money and weapons; chairing is leading
		{"Germany will not provide Taurus missiles.", money, "Germany=declined"},
		{"Poland will deliver tanks and artillery shells.", money, "Poland=pledged"},
		{"Washington agreed to chair a ceasefire monitoring mechanism.", []string{"monitoring"}, "United States=pledged"},
		// escorting ships, imagery, instructors, keeping aid up
		{"Ankara stands ready to escort merchant ships in the Black Sea.", []string{"naval"}, "Turkey=pledged"},
		{"Norway has offered satellite imagery to track violations.", []string{"intelligence"}, "Norway=pledged"},
		{"Australia is considering a contribution of training personnel.", troops, ""},
		{"Australia is considering a contribution of training personnel.", []string{"training"}, "Australia=unclear"},
		{"Britain will send military instructors to western Ukraine.", []string{"training"}, "United Kingdom=pledged"},
		{"Germany will keep up its military aid at 9 billion euros a year.", money, "Germany=pledged"},
		{"Germany will not keep up its military aid.", money, "Germany=declined"},
		// making something available commits it; "very" before a hedge
		{"Belgium will make its navy and air force available to the peacekeeping force, the prime minister confirmed.", []string{"naval"}, "Belgium=pledged"},
		{"Belgium will make its navy and air force available to the peacekeeping force, the prime minister confirmed.", troops, ""},
		{"Norway will make troops available for the mission.", troops, "Norway=pledged"},
		{"Germany will not make its Patriot systems available.", []string{"air"}, "Germany=declined"},
		{"Denmark made F-16 jets available.", []string{"air"}, "Denmark=pledged"},
		{"Italy made clear that its soldiers are not available.", troops, ""},
		{"Greece would very likely participate in any force.", troops, "Greece=unclear"},
		// a condition after "but only"; "only" between subject and verb;
		// an assumption is no commitment
		{"Finland could contribute soldiers, but only after a ceasefire and with a UN mandate.", troops, "Finland=pledged"},
		{"Finland will send soldiers, but only if the US provides a backstop.", troops, "Finland=pledged"},
		{"Latvia will only discuss sending troops once a peace deal is agreed.", troops, "Latvia=unclear"},
		{"The talks assumed, on the assumption that the United States would only continue to provide intelligence, a smaller force.", []string{"intelligence"}, "United States=unclear"},
		// guards from a review: none of these refusals may become a pledge,
		// and a refusal is its subject's
		{"Poland will keep up its refusal to send troops.", troops, ""},
		{"Hungary will keep up its veto on sending troops.", troops, ""},
		{"Britain will keep up pressure on allies to send troops.", troops, ""},
		{"Germany will keep up its financial support.", money, "Germany=pledged"},
		{"It is out of the question for Belgium to make soldiers available.", troops, ""},
		{"It is unthinkable for Belgium to make soldiers available.", troops, ""},
		{"Belgium denied it would make soldiers available.", troops, ""},
		{"Germany will aid Poland without deploying troops.", troops, "Germany=declined"},
		{"Britain and France agreed to back Poland without sending troops.", troops, "France=declined, United Kingdom=declined"},
		{"Italy refused to drop its opposition to sending troops.", troops, "Italy=declined"},
		{"France is considering sending troops, which Russia calls unacceptable.", troops, "France=unclear, Russia=opposes"},
		{"France considers sending troops, which Russia calls unacceptable.", troops, "France=unclear, Russia=opposes"},
		{"There is no doubt about the plans for British troops to be deployed.", troops, "United Kingdom=pledged"},
		{"We do not have any plans for Irish soldiers to be deployed in Ukraine.", troops, "Ireland=declined"},
		// guards from a second review
		{"There are no immediate plans for British troops to be deployed.", troops, "United Kingdom=declined"},
		{"We do not have any such plans for German troops to be deployed.", troops, "Germany=declined"},
		{"It is out of the question for Belgium to send soldiers.", troops, "Belgium=declined"},
		{"Belgium denied it would send soldiers.", troops, "Belgium=declined"},
		{"It is unthinkable for Belgium to send soldiers.", troops, "Belgium=declined"},
		{"France refused to drop its plans to send troops.", troops, "France=unclear"},
		{"Macron said Germany will help without deploying troops.", troops, "Germany=declined"},
		{"Unlike Britain, Germany will help without sending troops.", troops, "Germany=declined"},
		{"Poland refused, but Germany will help without sending troops.", troops, "Germany=declined"},
		{"The US will keep up its troop drawdown.", troops, ""},
		{"Hungary will keep up its aid freeze.", money, ""},
		{"After Russia rejected the plan, Belgium will make soldiers available.", troops, "Belgium=pledged, Russia=opposes"},
		{"Moscow considers that deployment of troops unacceptable.", troops, "Russia=opposes"},
		// guards from a third review
		{"It is unthinkable for Belgian troops to be sent to Ukraine.", troops, "Belgium=declined"},
		{"It is not out of the question for Belgium to send soldiers.", troops, "Belgium=unclear"},
		{"Belgium dropped its objections and will make soldiers available.", troops, "Belgium=declined, Belgium=pledged"},
		{"Germany said it would help without sending troops.", troops, "Germany=declined"},
		{"According to Macron, Germany will help without sending troops.", troops, "Germany=declined"},
		{"There are no plans at present for British troops to be deployed.", troops, "United Kingdom=declined"},
		{"Belgium denied reports it would send soldiers.", troops, "Belgium=declined"},
		{"Italy refused to drop its long-standing opposition to sending troops.", troops, "Italy=declined"},
		{"Italy refused to abandon its stance on sending troops.", troops, "Italy=declined"},
		{"Germany will keep up the aid cuts.", money, ""},
		// membership of a force, and setting foot in Ukraine
		{"Italy will not be part of any military force on the ground, Meloni said.", troops, "Italy=declined"},
		{"Greek troops would form part of the reassurance force.", troops, "Greece=pledged"},
		{"Britain is part of the coalition.", troops, ""},
		{"Czech soldiers will not set foot in Ukraine, Babis said.", troops, "Czech Republic=declined"},
		{"No Slovak soldier will ever set foot in Ukraine.", troops, "Slovakia=declined"},
		// read right before, kept as guards
		{"\"We are not committing Dutch troops to the theatre of operations,\" the Dutch foreign minister said.", troops, "Netherlands=declined"},
		{"Portugal could not rule out sending troops if necessary, its foreign minister said.", troops, "Portugal=unclear"},
		{"Sweden and Norway said on Tuesday they were not planning to send troops to Ukraine.", troops, "Norway=declined, Sweden=declined"},
		{"Belgium and Luxembourg have not ruled out their participation in possible forces.", troops, "Belgium=unclear, Luxembourg=unclear"},
		{"Denmark has declared its readiness to send troops.", troops, "Denmark=pledged"},
		{"\"We are not deploying combat troops to Ukraine and will not do so,\" the Latvian defence minister said.", troops, "Latvia=declined"},

		// "training" after "continue" or "keep" is the verb
		{"Canada will continue training Ukrainian soldiers.", []string{"training"}, "Canada=pledged"},
		{"Canada will keep training Ukrainian pilots after a ceasefire.", []string{"training"}, "Canada=pledged"},
		{"Canada will not continue training Ukrainian soldiers.", []string{"training"}, "Canada=declined"},
		{"Canada is considering training Ukrainian soldiers.", []string{"training"}, "Canada=unclear"},
		{"Denmark will train soldiers.", troops, ""},
		{"Poland will serve as the logistics hub for the mission.", logistics, "Poland=pledged"},
		{"Turkey would be willing to take on a role in securing the Black Sea.", []string{"naval", "black sea"}, "Turkey=pledged"},
		{"France will take on the command of the force.", troops, "France=pledged"},
		{"Hungary will not take on any role in the mission.", troops, ""},
		// ", and with ...", ": organisationally, ...": the ways of the same
		// verb, not a clause; one with a verb of its own is a clause
		{"Poland would go on helping Kyiv organisationally, and with humanitarian and military aid.", money, "Poland=pledged"},
		{"Poland would go on helping Kyiv: organisationally, within its means, and with military aid.", money, "Poland=pledged"},
		{"Italy will not send troops, and with Spain it prefers to fund the mission.", money, "Italy=pledged"},
		{"Italy will not send troops, and with Spain it prefers to fund the mission.", troops, "Italy=declined"},
		// lending is giving; a veto or a block is a refusal
		{"The EU agreed to lend Ukraine 90 billion euros over two years.", money, "European Union=pledged"},
		{"Hungary vetoed the EU's 50 billion euro aid package.", money, "Hungary=declined"},
		{"Slovakia blocked the decision to send troops.", troops, "Slovakia=declined"},

		{"Macron said 26 countries had formally committed to deploy troops to Ukraine or to be present on the ground, in the sea or in the air.", troops, "Coalition of the Willing=pledged"},
		{"Zelensky said Britain and France would send troops, according to a statement from his office.", troops, "France=pledged, United Kingdom=pledged"},
		{"According to Le Monde, Paris is ready to send up to 10,000 soldiers.", troops, "France=pledged"},
		{"Officials in Berlin said Germany would not send ground troops but would help with air defence.", troops, "Germany=declined"},
		{"Officials in Berlin said Germany would not send ground troops but would help with air defence.", []string{"air"}, "Germany=pledged"},
		{"Turkey has offered to lead the naval component of the force in the Black Sea.", []string{"naval"}, "Turkey=pledged"},
		{"The United States would take the lead in monitoring the ceasefire, Witkoff said.", []string{"monitoring"}, "United States=pledged"},
		{"Putin said any Western troops deployed in Ukraine would be considered legitimate targets.", troops, "Russia=opposes"},
		{"Lavrov said Russia would not accept the presence of NATO troops in Ukraine under any flag.", troops, "Russia=opposes"},
		{"Zelensky said Ukraine needs at least 100,000 European troops.", troops, ""},
		{"Italy's Meloni has repeatedly ruled out sending Italian soldiers, proposing instead an Article 5-like guarantee.", troops, "Italy=declined"},
		{"The Polish president said his country would not send troops.", troops, "Poland=declined"},
		{"Britain, for its part, has said it is prepared to put boots on the ground.", troops, "United Kingdom=pledged"},
		{"Sweden's prime minister said it was too early to talk about Swedish troops.", troops, "Sweden=unclear"},
		{"Germany's defence minister Boris Pistorius called the debate about troops premature.", troops, "Germany=unclear"},
		{"Romania will offer its airspace and bases to allied aircraft.", []string{"air"}, "Romania=pledged"},
		{"Romania will offer its airspace and bases to allied aircraft.", troops, ""},
		{"Norway will contribute two frigates to the Black Sea mission.", []string{"naval"}, "Norway=pledged"},
		{"Belgium said it would send F-16 fighter jets to help police Ukraine's skies after a truce.", []string{"air"}, "Belgium=pledged"},
		{"Washington has not committed to providing a backstop, officials said.", []string{"security guarantees", "backstop"}, "United States=declined"},
	}
	for _, c := range cases {
		if got := render(Stances(c.sentence, "", c.topic)); got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}
